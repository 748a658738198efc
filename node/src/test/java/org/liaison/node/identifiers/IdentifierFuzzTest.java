package org.liaison.node.identifiers;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import org.liaison.wire.v1.IdentifierType;

/**
 * Fuzzes the identifier normalisers (phone, e-mail, plate, VIN, account, document, wallet, country
 * codes), which read every identifier that an import line, an officer's query or a partner's
 * request carries. Only {@link InvalidIdentifierException} may escape, with a sentence; a
 * normalised value normalises to itself (written two ways, one value).
 */
class IdentifierFuzzTest {

  private static final List<IdentifierType> TYPES =
      List.of(
          IdentifierType.PHONE,
          IdentifierType.EMAIL,
          IdentifierType.PLATE,
          IdentifierType.VIN,
          IdentifierType.ACCOUNT,
          IdentifierType.DOCUMENT,
          IdentifierType.WALLET,
          IdentifierType.IDENTIFIER_TYPE_UNSPECIFIED);
  private static final List<String> COUNTRIES =
      List.of("US", "RUS", "us.dea", "ru.skr", "GB", "uk", "DE", "ca.rcmp", "");

  @FuzzTest(maxDuration = "5m")
  void identifier(FuzzedDataProvider data) {
    IdentifierType type = TYPES.get(data.consumeInt(0, TYPES.size() - 1));
    String country =
        data.consumeBoolean()
            ? data.consumeString(8)
            : COUNTRIES.get(data.consumeInt(0, COUNTRIES.size() - 1));
    String raw = data.consumeRemainingAsString();
    NormalizedIdentifier n;
    try {
      n = IdentifierNormalizer.normalize(type, raw, country);
    } catch (InvalidIdentifierException e) {
      assertThat(e.getMessage()).isNotBlank();
      return;
    }
    assertThat(n.type()).isEqualTo(type);
    assertThat(n.value()).isNotBlank();
    NormalizedIdentifier again = IdentifierNormalizer.normalize(type, n.value(), country);
    assertThat(again.value()).as("%s %s normalised twice", type, raw).isEqualTo(n.value());
  }
}

package org.liaison.wire.oprf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;
import org.liaison.wire.geo.GridCell;
import org.liaison.wire.v1.IdentifierType;

class PrfInputsTest {

  @Test
  void identifier_encodingIsFixed() {
    assertThat(Hex.toHexString(PrfInputs.identifier(IdentifierType.PHONE, "+13055550142")))
        .isEqualTo(
            "19"
                + Hex.toHexString("liaison/prf/v1/identifier".getBytes())
                + "0001"
                + "000c"
                + Hex.toHexString("+13055550142".getBytes()));
  }

  @Test
  void identifier_sameValueDifferentTypes_differ() {
    Set<String> seen = new HashSet<>();
    for (IdentifierType t :
        List.of(
            IdentifierType.PHONE,
            IdentifierType.EMAIL,
            IdentifierType.PLATE,
            IdentifierType.VIN,
            IdentifierType.ACCOUNT,
            IdentifierType.DOCUMENT,
            IdentifierType.WALLET)) {
      assertThat(seen.add(Hex.toHexString(PrfInputs.identifier(t, "ABC123")))).isTrue();
    }
  }

  @Test
  void eventToken_neverEqualsAnIdentifierAndFieldsAreFixedWidth() {
    byte[] token = PrfInputs.eventToken(new GridCell(26_000, 1), 987_654L);
    assertThat(token).isNotEqualTo(PrfInputs.identifier(IdentifierType.PHONE, "x"));
    assertThat(PrfInputs.eventToken(new GridCell(1, 23), 4))
        .isNotEqualTo(PrfInputs.eventToken(new GridCell(12, 3), 4));
    assertThat(PrfInputs.eventToken(new GridCell(1, 2), 3)).hasSize(token.length);
  }

  @Test
  void identifier_unnormalisedOrUnspecified_isRefused() {
    assertThatThrownBy(() -> PrfInputs.identifier(IdentifierType.IDENTIFIER_TYPE_UNSPECIFIED, "x"))
        .isInstanceOf(OprfException.class);
    assertThatThrownBy(() -> PrfInputs.identifier(IdentifierType.PHONE, " +1305"))
        .hasMessageContaining("normalised");
    assertThatThrownBy(() -> PrfInputs.identifier(IdentifierType.EMAIL, "e\u0301@x.org"))
        .hasMessageContaining("NFC");
    assertThatThrownBy(() -> PrfInputs.identifier(IdentifierType.EMAIL, ""))
        .isInstanceOf(OprfException.class);
  }
}

package org.liaison.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.liaison.wire.v1.Identifier;
import org.liaison.wire.v1.IdentifierType;
import picocli.CommandLine;

/** Each identifier option gives its type, alone, with --country where the type needs one. */
class IdentifierOptionsTest {

  private static IdentifierOptions parse(String... args) {
    return CommandLine.populateCommand(new IdentifierOptions(), args);
  }

  @ParameterizedTest
  @CsvSource({
    "--phone, +13055550142, PHONE",
    "--email, a@b.example, EMAIL",
    "--plate, ABC123, PLATE",
    "--vin, 1HGCM82633A004352, VIN",
    "--account, DE89370400440532013000, ACCOUNT",
    "--document, X1234567, DOCUMENT",
    "--wallet, bc1qxy2k, WALLET"
  })
  void eachOptionGivesItsType(String option, String value, IdentifierType type) {
    Identifier id = parse(option, value, "--country", "US").identifier().orElseThrow();

    assertThat(id.getType()).isEqualTo(type);
    assertThat(id.getValue()).isEqualTo(value);
    assertThat(id.getCountry()).isEqualTo("US");
  }

  @Test
  void noneGivenIsEmptyAndNoCountryIsNeededForAPhone() {
    assertThat(parse().identifier()).isEmpty();
    assertThat(parse("--phone", "+13055550142").identifier().orElseThrow().getCountry()).isEmpty();
  }

  @Test
  void aDocumentWithoutCountryAndTwoIdentifiersAreRefusedNamingTheOptions() {
    assertThatThrownBy(() -> parse("--document", "X1234567").identifier())
        .hasMessage("--document needs --country (an ISO code such as US or RU).");
    assertThatThrownBy(() -> parse("--vin", "V", "--wallet", "W", "--email", "E").identifier())
        .hasMessage("Give one identifier at a time, not --email and --vin and --wallet.");
  }
}

package org.liaison.node.identifiers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.liaison.wire.v1.IdentifierType;
import org.liaison.wire.v1.Reason;

class IdentifierNormalizerTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "+1 305 555 0142    |         | +13055550142",
        "(305) 555-0142     | us.dea  | +13055550142",
        "305.555.0142       | US      | +13055550142",
        "1-305-555-0142     | US      | +13055550142",
        "8 (495) 123-45-67  | ru.skr  | +74951234567",
        "+7 495 123 45 67   | us.ice  | +74951234567",
        "(604) 555-0199     | ca.rcmp | +16045550199",
      })
  void normalize_phoneInAnyFormatGivesE164(String raw, String region, String e164) {
    NormalizedIdentifier id = IdentifierNormalizer.normalize(IdentifierType.PHONE, raw, region);
    assertThat(id.value()).isEqualTo(e164);
    assertThat(id.raw()).isEqualTo(raw);
  }

  @Test
  void normalize_nationalPhoneWithoutRegionIsRefused() {
    assertThatThrownBy(
            () -> IdentifierNormalizer.normalize(IdentifierType.PHONE, "(305) 555-0142", null))
        .isInstanceOf(InvalidIdentifierException.class)
        .hasMessage(
            "phone number (305) 555-0142 cannot be read: it has no country code and no region was given to read it in");
  }

  @Test
  void normalize_invalidPhoneIsRefusedWithReason() {
    assertThatThrownBy(() -> IdentifierNormalizer.normalize(IdentifierType.PHONE, "12", "US"))
        .isInstanceOfSatisfying(
            InvalidIdentifierException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.INVALID_ARGUMENT);
              assertThat(e.getMessage()).startsWith("phone number 12 ");
            });
  }

  @Test
  void normalize_unknownRegionIsRefused() {
    assertThatThrownBy(
            () -> IdentifierNormalizer.normalize(IdentifierType.PHONE, "305 555 0142", "xx.nope"))
        .hasMessage("'xx.nope' is not an ISO 3166 country code nor an agency id such as us.dea");
  }

  @Test
  void normalize_emailLowerCasedTrimmedAndIdnDomainInAscii() {
    assertThat(
            IdentifierNormalizer.normalize(IdentifierType.EMAIL, "  D.Volkov@Example.COM ", null)
                .value())
        .isEqualTo("d.volkov@example.com");
    assertThat(
            IdentifierNormalizer.normalize(IdentifierType.EMAIL, "volkov@почта.рф", null).value())
        .isEqualTo("volkov@xn--80a1acny.xn--p1ai");
  }

  @Test
  void normalize_emailWithoutDomainIsRefused() {
    assertThatThrownBy(() -> IdentifierNormalizer.normalize(IdentifierType.EMAIL, "volkov@", null))
        .hasMessage("e-mail address volkov@ needs a local part, an @ and a domain");
  }

  @Test
  void normalize_plateCleanedAndKeepsCountry() {
    NormalizedIdentifier plate =
        IdentifierNormalizer.normalize(IdentifierType.PLATE, "fla-8 xk2", "US");
    assertThat(plate.value()).isEqualTo("FLA8XK2");
    assertThat(plate.country()).isEqualTo("US");
  }

  @Test
  void normalize_russianPlateWithCyrillicLettersComparesAsLatin() {
    assertThat(IdentifierNormalizer.normalize(IdentifierType.PLATE, "А 123 ВС 77", "RU").value())
        .isEqualTo(IdentifierNormalizer.normalize(IdentifierType.PLATE, "A123BC77", "RUS").value());
  }

  @Test
  void normalize_plateWithSymbolsIsRefused() {
    assertThatThrownBy(() -> IdentifierNormalizer.normalize(IdentifierType.PLATE, "AB#12", "US"))
        .hasMessage("plate AB#12 contains '#'; plates have letters and digits only");
  }

  @Test
  void normalize_vinCleanedAndCheckDigitValidated() {
    assertThat(
            IdentifierNormalizer.normalize(IdentifierType.VIN, "1m8gdm9a-xkp042788", null).value())
        .isEqualTo("1M8GDM9AXKP042788");
  }

  @Test
  void normalize_northAmericanVinWithWrongCheckDigitIsRefused() {
    assertThatThrownBy(
            () -> IdentifierNormalizer.normalize(IdentifierType.VIN, "1M8GDM9A1KP042788", null))
        .hasMessage(
            "VIN 1M8GDM9A1KP042788 fails its check digit: position 9 is 1, the other characters give X");
  }

  @Test
  void normalize_europeanVinNeedsNoCheckDigitUnlessSoldInNorthAmerica() {
    assertThat(
            IdentifierNormalizer.normalize(IdentifierType.VIN, "WVWZZZ1JZXW000001", "DE").value())
        .isEqualTo("WVWZZZ1JZXW000001");
    assertThatThrownBy(
            () -> IdentifierNormalizer.normalize(IdentifierType.VIN, "WVWZZZ1JZXW000001", "US"))
        .hasMessageContaining("fails its check digit");
  }

  @Test
  void normalize_europeanVinWithoutACountry_isNormalisedNotAnError() {
    // fuzz finding 8: the check-digit rule asked an immutable set whether it held a null country
    for (String none : new String[] {null, "", "  "}) {
      assertThat(
              IdentifierNormalizer.normalize(IdentifierType.VIN, "WVWZZZ1JZXW000001", none).value())
          .isEqualTo("WVWZZZ1JZXW000001");
    }
  }

  @Test
  void normalize_vinWithLetterOOrWrongLengthIsRefused() {
    assertThatThrownBy(
            () -> IdentifierNormalizer.normalize(IdentifierType.VIN, "1M8GDM9AXKP04278O", null))
        .hasMessage(
            "VIN 1M8GDM9AXKP04278O contains a character a VIN cannot have (only A-Z and 0-9, never I, O or Q)");
    assertThatThrownBy(() -> IdentifierNormalizer.normalize(IdentifierType.VIN, "1M8GDM9AX", null))
        .hasMessage("VIN 1M8GDM9AX has 9 characters; a VIN has 17");
  }

  @Test
  void normalize_ibanCleanedAndChecked() {
    NormalizedIdentifier iban =
        IdentifierNormalizer.normalize(IdentifierType.ACCOUNT, "gb82 west 1234 5698 7654 32", null);
    assertThat(iban.value()).isEqualTo("GB82WEST12345698765432");
    assertThat(iban.country()).isEqualTo("GB");
  }

  @Test
  void normalize_ibanWithBadChecksumIsRefused() {
    assertThatThrownBy(
            () ->
                IdentifierNormalizer.normalize(
                    IdentifierType.ACCOUNT, "GB82WEST12345698765433", null))
        .isInstanceOf(InvalidIdentifierException.class)
        .hasMessage("IBAN GB82WEST12345698765433 fails its checksum");
  }

  @Test
  void normalize_ibanOfWrongLengthIsRefused() {
    assertThatThrownBy(
            () ->
                IdentifierNormalizer.normalize(
                    IdentifierType.ACCOUNT, "DE89 3704 0044 0532 0130", null))
        .hasMessage("IBAN DE893704004405320130 does not have the length and format of a DE IBAN");
  }

  @Test
  void normalize_nonIbanAccountKeepsDigits() {
    assertThat(IdentifierNormalizer.normalize(IdentifierType.ACCOUNT, "0123-456789", "US").value())
        .isEqualTo("0123456789");
  }

  @Test
  void normalize_documentWithIssuingCountry() {
    NormalizedIdentifier passport =
        IdentifierNormalizer.normalize(IdentifierType.DOCUMENT, "75 1234567", "RUS");
    assertThat(passport.value()).isEqualTo("751234567");
    assertThat(passport.country()).isEqualTo("RU");
    assertThatThrownBy(() -> IdentifierNormalizer.normalize(IdentifierType.DOCUMENT, "A1", "RU"))
        .hasMessage("document number A1 must be 3 to 20 letters and digits");
  }

  @Test
  void normalize_walletTrimmedAndCaseFoldedOnlyWhereCaseHasNoMeaning() {
    assertThat(
            IdentifierNormalizer.normalize(
                    IdentifierType.WALLET, " 0xAbC0000000000000000000000000000000000dEf ", null)
                .value())
        .isEqualTo("0xabc0000000000000000000000000000000000def");
    assertThat(
            IdentifierNormalizer.normalize(
                    IdentifierType.WALLET, " 1BoatSLRHtKNngkdXEeobR76b53LETtpyT", null)
                .value())
        .isEqualTo("1BoatSLRHtKNngkdXEeobR76b53LETtpyT");
    assertThatThrownBy(() -> IdentifierNormalizer.normalize(IdentifierType.WALLET, "bc1 q w", null))
        .hasMessage("wallet bc1 q w must be 8 to 128 letters and digits without spaces");
  }

  @Test
  void normalize_missingTypeOrValueIsRefused() {
    assertThatThrownBy(
            () ->
                IdentifierNormalizer.normalize(
                    IdentifierType.IDENTIFIER_TYPE_UNSPECIFIED, "x", null))
        .hasMessageStartingWith("the identifier type is missing");
    assertThatThrownBy(() -> IdentifierNormalizer.normalize(IdentifierType.EMAIL, "  ", null))
        .hasMessage("the EMAIL value is empty");
  }

  /** Issue 11: a Russian number typed by a US officer is refused, with how to ask for it. */
  @ParameterizedTest
  @CsvSource({"8 495 123 45 67", "74951234567"})
  void normalize_foreignNationalNumberSaysHowToAskForIt(String raw) {
    assertThatThrownBy(() -> IdentifierNormalizer.normalize(IdentifierType.PHONE, raw, "US"))
        .isInstanceOf(InvalidIdentifierException.class)
        .hasMessageStartingWith(
            "phone number " + raw + " is not a valid number when read in region US")
        .hasMessageContaining("--country RU");
    assertThat(IdentifierNormalizer.normalize(IdentifierType.PHONE, raw, "RU").value())
        .isEqualTo("+74951234567");
  }

  /** A plate or document read with its country must agree on it; a phone's region only reads it. */
  @Test
  void countryMustAgree_onlyForPlatesAndDocumentsGivenWithTheirCountry() {
    assertThat(
            IdentifierNormalizer.normalize(IdentifierType.PLATE, "FLA8XK2", "US")
                .countryMustAgree())
        .isTrue();
    assertThat(
            IdentifierNormalizer.normalize(IdentifierType.DOCUMENT, "75 1234567", "RUS")
                .countryMustAgree())
        .isTrue();
    assertThat(
            IdentifierNormalizer.normalize(IdentifierType.PLATE, "FLA8XK2", null)
                .countryMustAgree())
        .isFalse();
    assertThat(
            IdentifierNormalizer.normalize(IdentifierType.PHONE, "8 495 123 45 67", "RU")
                .countryMustAgree())
        .isFalse();
  }
}

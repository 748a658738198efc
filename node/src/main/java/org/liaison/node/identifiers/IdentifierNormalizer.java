package org.liaison.node.identifiers;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.net.IDN;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.validator.routines.EmailValidator;
import org.apache.commons.validator.routines.IBANValidator;
import org.apache.commons.validator.routines.checkdigit.IBANCheckDigit;
import org.liaison.wire.v1.IdentifierType;

/**
 * Normalises identifiers before they are stored or compared, so that the same phone number, e-mail
 * address, plate, VIN, account, document or wallet written two ways compares equal. The rules per
 * type are in docs/matching.md.
 */
public final class IdentifierNormalizer {
  private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
  private static final EmailValidator EMAILS = EmailValidator.getInstance(false, false);
  private static final IBANValidator IBANS = IBANValidator.getInstance();

  /** Russian plates use the twelve Cyrillic letters that look like Latin ones; compare as Latin. */
  private static final Map<Character, Character> CYRILLIC_PLATE_LETTERS =
      Map.ofEntries(
          Map.entry('А', 'A'),
          Map.entry('В', 'B'),
          Map.entry('Е', 'E'),
          Map.entry('К', 'K'),
          Map.entry('М', 'M'),
          Map.entry('Н', 'H'),
          Map.entry('О', 'O'),
          Map.entry('Р', 'P'),
          Map.entry('С', 'C'),
          Map.entry('Т', 'T'),
          Map.entry('У', 'Y'),
          Map.entry('Х', 'X'));

  private IdentifierNormalizer() {}

  /**
   * Normalises one identifier.
   *
   * @param countryOrRegion an ISO 3166 country code ("US", "RUS") or an agency id ("us.dea"): the
   *     region a national phone number is read in, the plate country or the document's issuing
   *     country; may be null
   * @throws InvalidIdentifierException when the value is not a valid identifier of that type
   */
  public static NormalizedIdentifier normalize(
      IdentifierType type, String raw, String countryOrRegion) {
    if (type == null
        || type == IdentifierType.IDENTIFIER_TYPE_UNSPECIFIED
        || type == IdentifierType.UNRECOGNIZED) {
      throw new InvalidIdentifierException(
          "the identifier type is missing; use one of PHONE, EMAIL, PLATE, VIN, ACCOUNT, DOCUMENT, WALLET");
    }
    if (raw == null || raw.isBlank()) {
      throw new InvalidIdentifierException("the " + type + " value is empty");
    }
    String country = Countries.resolve(countryOrRegion);
    return switch (type) {
      case PHONE -> phone(raw, country);
      case EMAIL -> new NormalizedIdentifier(type, raw, email(raw), null);
      case PLATE -> new NormalizedIdentifier(type, raw, plate(raw), country);
      case VIN -> new NormalizedIdentifier(type, raw, Vins.normalize(raw, country), null);
      case ACCOUNT -> account(raw, country);
      case DOCUMENT -> new NormalizedIdentifier(type, raw, document(raw), country);
      case WALLET -> new NormalizedIdentifier(type, raw, wallet(raw), null);
      default ->
          throw new InvalidIdentifierException("identifier type " + type + " is not supported");
    };
  }

  private static NormalizedIdentifier phone(String raw, String region) {
    PhoneNumber number;
    try {
      number = PHONES.parse(raw.trim(), region == null ? "ZZ" : region);
    } catch (NumberParseException e) {
      String why =
          e.getErrorType() == NumberParseException.ErrorType.INVALID_COUNTRY_CODE
              ? "it has no country code and no region was given to read it in"
              : "it is not a phone number (" + e.getMessage() + ")";
      throw new InvalidIdentifierException(
          "phone number " + raw.trim() + " cannot be read: " + why);
    }
    if (!PHONES.isValidNumber(number)) {
      throw new InvalidIdentifierException(
          "phone number "
              + raw.trim()
              + " is not a valid number"
              + (region == null ? "" : " when read in region " + region)
              + foreignHint(raw.trim()));
    }
    String e164 = PHONES.format(number, PhoneNumberFormat.E164);
    return new NormalizedIdentifier(
        IdentifierType.PHONE, raw, e164, PHONES.getRegionCodeForNumber(number));
  }

  /**
   * How to ask for the number if it is foreign: the countries it is valid in (at most three), with
   * the option that says so and the international form.
   */
  static String foreignHint(String raw) {
    java.util.Map<String, String> found = new java.util.TreeMap<>();
    String digits = raw.replaceAll("[^0-9]", "");
    for (String region : PHONES.getSupportedRegions()) {
      for (String candidate : new String[] {raw, "+" + digits}) {
        try {
          PhoneNumber n = PHONES.parse(candidate, region);
          if (PHONES.isValidNumberForRegion(n, region)) {
            found.putIfAbsent(region, PHONES.format(n, PhoneNumberFormat.INTERNATIONAL));
          }
        } catch (NumberParseException e) {
          // not a number in this region
        }
      }
    }
    if (found.isEmpty() || found.size() > 3) {
      return "; a foreign number is given with its country code (+7 495 ...) or its country"
          + " (--country RU)";
    }
    StringBuilder hint = new StringBuilder("; it is valid in ");
    String sep = "";
    for (var e : found.entrySet()) {
      hint.append(sep)
          .append(e.getKey())
          .append(" (ask with --country ")
          .append(e.getKey())
          .append(", or as ")
          .append(e.getValue())
          .append(")");
      sep = ", ";
    }
    return hint.toString();
  }

  private static String email(String raw) {
    String s = raw.trim();
    int at = s.lastIndexOf('@');
    if (at <= 0 || at == s.length() - 1) {
      throw new InvalidIdentifierException(
          "e-mail address " + s + " needs a local part, an @ and a domain");
    }
    String domain;
    try {
      domain = IDN.toASCII(s.substring(at + 1), IDN.ALLOW_UNASSIGNED);
    } catch (IllegalArgumentException e) {
      throw new InvalidIdentifierException(
          "e-mail address " + s + " has an invalid domain: " + e.getMessage());
    }
    String address = (s.substring(0, at) + "@" + domain).toLowerCase(Locale.ROOT);
    if (!EMAILS.isValid(address)) {
      throw new InvalidIdentifierException("e-mail address " + s + " is not a valid address");
    }
    return address;
  }

  private static String plate(String raw) {
    StringBuilder plate = new StringBuilder();
    for (char c : raw.trim().toUpperCase(Locale.ROOT).toCharArray()) {
      char latin = CYRILLIC_PLATE_LETTERS.getOrDefault(c, c);
      if (latin == ' ' || latin == '-' || latin == '.' || latin == '·') {
        continue;
      }
      if (!((latin >= 'A' && latin <= 'Z') || (latin >= '0' && latin <= '9'))) {
        throw new InvalidIdentifierException(
            "plate " + raw.trim() + " contains '" + c + "'; plates have letters and digits only");
      }
      plate.append(latin);
    }
    if (plate.length() < 2 || plate.length() > 12) {
      throw new InvalidIdentifierException(
          "plate "
              + raw.trim()
              + " has "
              + plate.length()
              + " letters and digits; plates have 2 to 12");
    }
    return plate.toString();
  }

  private static NormalizedIdentifier account(String raw, String country) {
    String account = raw.trim().toUpperCase(Locale.ROOT).replaceAll("[\\s\\-.]", "");
    // only a prefix to an IBAN: "IBANIBAN" stays an account number that normalises to itself
    if (account.matches("IBAN[A-Z]{2}[0-9]{2}.*")) {
      account = account.substring(4);
    }
    if (account.matches("[A-Z]{2}[0-9]{2}.*")) {
      return new NormalizedIdentifier(
          IdentifierType.ACCOUNT, raw, iban(account), account.substring(0, 2));
    }
    if (!account.matches("[A-Z0-9]{4,34}")) {
      throw new InvalidIdentifierException(
          "account number " + raw.trim() + " must be an IBAN or 4 to 34 letters and digits");
    }
    return new NormalizedIdentifier(IdentifierType.ACCOUNT, raw, account, country);
  }

  private static String iban(String iban) {
    IBANValidator.Validator format = IBANS.getValidator(iban);
    if (format == null) {
      throw new InvalidIdentifierException(
          "IBAN "
              + iban
              + " starts with "
              + iban.substring(0, 2)
              + ", which is not a country that issues IBANs");
    }
    if (!format.getRegexValidator().isValid(iban)) {
      throw new InvalidIdentifierException(
          "IBAN "
              + iban
              + " does not have the length and format of a "
              + iban.substring(0, 2)
              + " IBAN");
    }
    if (!IBANCheckDigit.IBAN_CHECK_DIGIT.isValid(iban)) {
      throw new InvalidIdentifierException("IBAN " + iban + " fails its checksum");
    }
    return iban;
  }

  private static String document(String raw) {
    String number = raw.trim().toUpperCase(Locale.ROOT).replaceAll("[\\s\\-.]", "");
    if (!number.matches("[A-Z0-9]{3,20}")) {
      throw new InvalidIdentifierException(
          "document number " + raw.trim() + " must be 3 to 20 letters and digits");
    }
    return number;
  }

  private static String wallet(String raw) {
    String wallet = raw.trim();
    if (!wallet.matches("[A-Za-z0-9:_\\-]{8,128}")) {
      throw new InvalidIdentifierException(
          "wallet " + wallet + " must be 8 to 128 letters and digits without spaces");
    }
    // Case carries no meaning in Ethereum hex and bech32 addresses; base58 keeps its case.
    if (wallet.matches("(?i)0x[0-9a-f]{40}") || wallet.matches("(?i)(bc1|tb1|ltc1)[0-9a-z]+")) {
      return wallet.toLowerCase(Locale.ROOT);
    }
    return wallet;
  }
}

package org.liaison.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.liaison.wire.v1.Identifier;
import org.liaison.wire.v1.IdentifierType;
import picocli.CommandLine.Option;

/** The identifier a query or check is about: at most one of these options. */
final class IdentifierOptions {
  /** The options, for sentences that list them. */
  static final String NAMES = "--phone, --email, --plate, --vin, --account, --document, --wallet";

  @Option(
      names = "--phone",
      paramLabel = "NUMBER",
      description =
          "A phone number, best in E.164 (+1 305 555 0142); a national number is read in your"
              + " agency's country unless --country names another (--country RU for 8 495 123 45"
              + " 67).")
  String phone;

  @Option(names = "--email", paramLabel = "ADDRESS", description = "An e-mail address.")
  String email;

  @Option(
      names = "--plate",
      paramLabel = "PLATE",
      description = "A vehicle plate (with --country).")
  String plate;

  @Option(names = "--vin", paramLabel = "VIN", description = "A vehicle identification number.")
  String vin;

  @Option(
      names = "--account",
      paramLabel = "ACCOUNT",
      description = "A bank account number or IBAN.")
  String account;

  @Option(
      names = "--document",
      paramLabel = "NUMBER",
      description = "A passport or identity document number (with --country).")
  String document;

  @Option(
      names = "--wallet",
      paramLabel = "ADDRESS",
      description = "A cryptocurrency wallet address.")
  String wallet;

  @Option(
      names = "--country",
      paramLabel = "CC",
      description =
          "ISO 3166 country code (US, RU): the country of a plate, the state that issued a"
              + " document or a VIN's check-digit rules, or the country whose national format a"
              + " phone number is written in.")
  String country;

  /** The options given, as {@code --name} strings. */
  List<String> given() {
    List<String> given = new ArrayList<>();
    if (phone != null) given.add("--phone");
    if (email != null) given.add("--email");
    if (plate != null) given.add("--plate");
    if (vin != null) given.add("--vin");
    if (account != null) given.add("--account");
    if (document != null) given.add("--document");
    if (wallet != null) given.add("--wallet");
    return given;
  }

  /**
   * The identifier, or empty if none was given.
   *
   * @throws IllegalArgumentException if more than one was given or a country is missing
   */
  Optional<Identifier> identifier() {
    List<String> given = given();
    if (given.size() > 1) {
      throw new IllegalArgumentException(
          "Give one identifier at a time, not " + String.join(" and ", given) + ".");
    }
    if (given.isEmpty()) {
      return Optional.empty();
    }
    Identifier.Builder id = Identifier.newBuilder();
    if (phone != null) id.setType(IdentifierType.PHONE).setValue(phone);
    if (email != null) id.setType(IdentifierType.EMAIL).setValue(email);
    if (plate != null) id.setType(IdentifierType.PLATE).setValue(plate);
    if (vin != null) id.setType(IdentifierType.VIN).setValue(vin);
    if (account != null) id.setType(IdentifierType.ACCOUNT).setValue(account);
    if (document != null) id.setType(IdentifierType.DOCUMENT).setValue(document);
    if (wallet != null) id.setType(IdentifierType.WALLET).setValue(wallet);
    if ((plate != null || document != null) && (country == null || country.isBlank())) {
      throw new IllegalArgumentException(
          given.get(0) + " needs --country (an ISO code such as US or RU).");
    }
    if (country != null) {
      id.setCountry(country);
    }
    return Optional.of(id.build());
  }
}

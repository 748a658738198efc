package org.liaison.cli;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
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

  /** One identifier option: its name, the type it gives, and its value (null when not given). */
  private record Given(String option, IdentifierType type, String value) {}

  /** The identifier options given, in the order {@link #NAMES} lists them. */
  private List<Given> given() {
    return Stream.of(
            new Given("--phone", IdentifierType.PHONE, phone),
            new Given("--email", IdentifierType.EMAIL, email),
            new Given("--plate", IdentifierType.PLATE, plate),
            new Given("--vin", IdentifierType.VIN, vin),
            new Given("--account", IdentifierType.ACCOUNT, account),
            new Given("--document", IdentifierType.DOCUMENT, document),
            new Given("--wallet", IdentifierType.WALLET, wallet))
        .filter(g -> g.value() != null)
        .toList();
  }

  /**
   * The identifier, or empty if none was given.
   *
   * @throws IllegalArgumentException if more than one was given or a country is missing
   */
  Optional<Identifier> identifier() {
    List<Given> given = given();
    if (given.size() > 1) {
      throw new IllegalArgumentException(
          "Give one identifier at a time, not "
              + String.join(" and ", given.stream().map(Given::option).toList())
              + ".");
    }
    if (given.isEmpty()) {
      return Optional.empty();
    }
    Given one = given.get(0);
    Identifier.Builder id = Identifier.newBuilder().setType(one.type()).setValue(one.value());
    boolean needsCountry =
        one.type() == IdentifierType.PLATE || one.type() == IdentifierType.DOCUMENT;
    if (needsCountry && (country == null || country.isBlank())) {
      throw new IllegalArgumentException(
          one.option() + " needs --country (an ISO code such as US or RU).");
    }
    if (country != null) {
      id.setCountry(country);
    }
    return Optional.of(id.build());
  }
}

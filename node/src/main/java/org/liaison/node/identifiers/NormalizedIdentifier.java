package org.liaison.node.identifiers;

import java.util.Objects;
import org.liaison.wire.v1.IdentifierType;

/**
 * An identifier in the form it is stored and compared in.
 *
 * @param type what kind of identifier it is
 * @param raw the value as it was given
 * @param value the normalised value: equal values mean the same identifier
 * @param country ISO 3166 alpha-2 country (plate country, document issuing country, phone region
 *     used to read a national number), or {@code null} when not known or not relevant
 */
public record NormalizedIdentifier(IdentifierType type, String raw, String value, String country) {
  public NormalizedIdentifier {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(raw, "raw");
    Objects.requireNonNull(value, "value");
  }

  /**
   * Whether a stored identifier must also agree on the country to be the same one: a plate or a
   * document given with its country is not the same as one of another country (a stored one with no
   * country still matches). A phone's country only said how to read a national number.
   */
  public boolean countryMustAgree() {
    return country != null && (type == IdentifierType.PLATE || type == IdentifierType.DOCUMENT);
  }
}

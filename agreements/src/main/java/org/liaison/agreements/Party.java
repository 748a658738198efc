package org.liaison.agreements;

import java.util.List;

/**
 * A party to an agreement: its agency id, display name and the lower-case hex SHA-256 fingerprints
 * of the DER encoding of its root CA certificates. Usually one; two while the party rotates its CA
 * (the old and the new, decision 0039). Only signatures and certificates under a named CA count.
 */
public record Party(String agency, String name, List<String> caSha256s) {

  public Party {
    caSha256s = List.copyOf(caSha256s);
    if (caSha256s.isEmpty()) {
      throw new IllegalArgumentException("a party names at least one CA fingerprint");
    }
  }

  /** A party pinned by one CA. */
  public Party(String agency, String name, String caSha256) {
    this(agency, name, List.of(caSha256));
  }

  /** The first CA fingerprint named (the only one outside a rotation). */
  public String caSha256() {
    return caSha256s.get(0);
  }
}

package org.liaison.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What an officer presents to its own node: a TLS client certificate and key (PEM, PKCS#8), and the
 * agency CA that the node's server certificate must chain to.
 *
 * @param certificate the officer's TLS client certificate (leaf only)
 * @param privateKey the officer's unencrypted PKCS#8 private key
 * @param trustedCa the officer's own agency root CA
 */
public record OfficerCredentials(Path certificate, Path privateKey, Path trustedCa) {

  public OfficerCredentials {
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(privateKey, "privateKey");
    Objects.requireNonNull(trustedCa, "trustedCa");
  }

  /**
   * Resolves the development PKI layout: {@code <pki>/<agency>/officers/<officer>/tls.crt.pem},
   * {@code tls.key.pem}, trusting {@code <pki>/<agency>/ca.crt.pem}, or every CA in {@code
   * trusted-cas.pem} while the agency rotates its CA (the old and the new; decision 0039).
   */
  public static OfficerCredentials fromPki(Path pki, String agency, String officer) {
    Path agencyDir = pki.resolve(agency);
    Path officerDir = agencyDir.resolve("officers").resolve(officer);
    return new OfficerCredentials(
        officerDir.resolve("tls.crt.pem"),
        officerDir.resolve("tls.key.pem"),
        Files.exists(agencyDir.resolve("trusted-cas.pem"))
            ? agencyDir.resolve("trusted-cas.pem")
            : agencyDir.resolve("ca.crt.pem"));
  }

  /** The first of the three files that does not exist or cannot be read, or null. */
  Path firstUnreadable() {
    for (Path p : new Path[] {certificate, privateKey, trustedCa}) {
      if (!Files.isReadable(p)) {
        return p;
      }
    }
    return null;
  }
}

package org.liaison.wire.transport;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import org.liaison.wire.pki.CertificateFacts;

/**
 * Who is at the other end of a mutual-TLS connection, read from the certificate the TLS handshake
 * already validated: agency ({@code O}), kind ({@code OU}: node, gateway, officer) and name (from
 * the {@code urn:liaison:<agency>:<kind>:<name>} SAN URI, else the {@code CN}).
 */
public record PeerIdentity(String agency, String kind, String name, X509Certificate certificate) {

  /** From the facts read once per certificate ({@link CertificateFacts}), not on every call. */
  public static PeerIdentity of(X509Certificate certificate) {
    CertificateFacts facts = CertificateFacts.of(certificate);
    String agency = facts.organization().orElse("");
    String kind = facts.organizationalUnit().orElse("");
    String name =
        uriName(facts.uris()).orElseGet(() -> certificate.getSubjectX500Principal().getName());
    return new PeerIdentity(agency, kind, name, certificate);
  }

  private static Optional<String> uriName(List<String> uris) {
    for (String uri : uris) {
      String[] parts = uri.split(":");
      if (parts.length == 5 && parts[0].equals("urn") && parts[1].equals("liaison")) {
        return Optional.of(parts[4]);
      }
    }
    return Optional.empty();
  }

  public X500Principal subject() {
    return certificate.getSubjectX500Principal();
  }

  @Override
  public String toString() {
    return kind + " " + name + " of " + agency;
  }
}

package org.liaison.wire.transport;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import org.liaison.wire.pki.Certificates;

/**
 * Who is at the other end of a mutual-TLS connection, read from the certificate the TLS handshake
 * already validated: agency ({@code O}), kind ({@code OU}: node, gateway, officer) and name (from
 * the {@code urn:liaison:<agency>:<kind>:<name>} SAN URI, else the {@code CN}).
 */
public record PeerIdentity(String agency, String kind, String name, X509Certificate certificate) {

  private static final int SAN_URI = 6;

  public static PeerIdentity of(X509Certificate certificate) {
    String agency = Certificates.organization(certificate).orElse("");
    String kind = Certificates.organizationalUnit(certificate).orElse("");
    String name =
        uriName(certificate).orElseGet(() -> certificate.getSubjectX500Principal().getName());
    return new PeerIdentity(agency, kind, name, certificate);
  }

  private static Optional<String> uriName(X509Certificate certificate) {
    try {
      Collection<List<?>> sans = certificate.getSubjectAlternativeNames();
      if (sans == null) {
        return Optional.empty();
      }
      for (List<?> san : sans) {
        if (((Integer) san.get(0)) == SAN_URI && san.get(1) instanceof String uri) {
          String[] parts = uri.split(":");
          if (parts.length == 5 && parts[0].equals("urn") && parts[1].equals("liaison")) {
            return Optional.of(parts[4]);
          }
        }
      }
      return Optional.empty();
    } catch (CertificateParsingException e) {
      return Optional.empty();
    }
  }

  public X500Principal subject() {
    return certificate.getSubjectX500Principal();
  }

  @Override
  public String toString() {
    return kind + " " + name + " of " + agency;
  }
}

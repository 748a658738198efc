package org.liaison.agreements;

import java.io.IOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import org.liaison.pem.Pem;

/**
 * An agency's agreement-signing key, its certificate and its root CA, as laid out by certs-dev:
 * {@code <pki>/<agency>/agency/signing.key.pem}, {@code signing.crt.pem} and {@code
 * <pki>/<agency>/ca.crt.pem}.
 */
public record AgencyCredentials(
    String agency, PrivateKey key, X509Certificate certificate, X509Certificate ca) {

  public static AgencyCredentials load(Path pkiRoot, String agency) throws IOException {
    Path dir = pkiRoot.resolve(agency);
    return new AgencyCredentials(
        agency,
        Pem.readPrivateKey(dir.resolve("agency/signing.key.pem")),
        Pem.readCertificate(dir.resolve("agency/signing.crt.pem")),
        caCertificate(pkiRoot, agency));
  }

  /**
   * The agency's root CA from the public directory ({@code <pki>/directory/<agency>/ca.crt.pem}),
   * else its private folder.
   */
  public static X509Certificate caCertificate(Path pkiRoot, String agency) throws IOException {
    Path pub = pkiRoot.resolve("directory").resolve(agency).resolve("ca.crt.pem");
    return Pem.readCertificate(
        java.nio.file.Files.exists(pub) ? pub : pkiRoot.resolve(agency).resolve("ca.crt.pem"));
  }
}

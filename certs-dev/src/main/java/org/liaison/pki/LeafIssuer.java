package org.liaison.pki;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;
import org.liaison.pem.Pem;

/**
 * Issues leaf certificates with fresh keys and writes them where the layout puts them: a node's
 * TLS, signing and encryption pairs (and its public certificates in the directory), an officer's
 * TLS pair with its PKCS#12, or any one leaf. {@link DevPki} decides what to issue; this does it.
 */
final class LeafIssuer {
  private final PkiLayout layout;
  private final Clock clock;
  private final SecureRandom random;
  private final Supplier<Validity> validity;

  LeafIssuer(PkiLayout layout, Clock clock, SecureRandom random, Supplier<Validity> validity) {
    this.layout = layout;
    this.clock = clock;
    this.random = random;
    this.validity = validity;
  }

  void node(CertificateAuthority ca, String node) {
    String agency = ca.agency();
    Path dir =
        PkiFiles.folder(
            layout.nodeDir(agency, node),
            "private material of node "
                + node
                + " of "
                + agency
                + " (liaison.pki.dir of the node): TLS, signing and encryption keys.");
    leaf(ca, Profile.NODE_TLS, node, dir, PkiLayout.TLS_CERT, PkiLayout.TLS_KEY);
    X509Certificate signing =
        leaf(ca, Profile.NODE_SIGNING, node, dir, PkiLayout.SIGNING_CERT, PkiLayout.SIGNING_KEY);
    X509Certificate encryption =
        leaf(
            ca,
            Profile.NODE_ENCRYPTION,
            node,
            dir,
            PkiLayout.ENCRYPTION_CERT,
            PkiLayout.ENCRYPTION_KEY);
    Path publicDir =
        PkiFiles.folder(
            layout.directoryNodeDir(agency, node),
            "public signing and encryption"
                + " certificates of node "
                + node
                + " of "
                + agency
                + ".");
    PkiFiles.writePublic(publicDir.resolve(PkiLayout.SIGNING_CERT), Pem.encode(signing));
    PkiFiles.writePublic(publicDir.resolve(PkiLayout.ENCRYPTION_CERT), Pem.encode(encryption));
  }

  void officer(CertificateAuthority ca, String officer) {
    Path dir =
        PkiFiles.folder(
            layout.officerDir(ca.agency(), officer),
            "client TLS key and certificate of"
                + " officer "
                + officer
                + " of "
                + ca.agency()
                + "; tls.p12 holds both, password \"changeit\".");
    KeyPair keys = EcKeys.generate(random);
    X509Certificate cert =
        leaf(ca, Profile.OFFICER_TLS, officer, dir, PkiLayout.TLS_CERT, PkiLayout.TLS_KEY, keys);
    PkiFiles.writeSecret(
        dir.resolve(PkiLayout.TLS_P12), pkcs12(officer, keys, cert, ca.certificate()));
  }

  X509Certificate leaf(
      CertificateAuthority ca,
      Profile profile,
      String name,
      Path dir,
      String certFile,
      String keyFile) {
    return leaf(ca, profile, name, dir, certFile, keyFile, EcKeys.generate(random));
  }

  /** Issues a certificate for {@code keys} and writes both into {@code dir}. */
  private X509Certificate leaf(
      CertificateAuthority ca,
      Profile profile,
      String name,
      Path dir,
      String certFile,
      String keyFile,
      KeyPair keys) {
    X509Certificate cert =
        ca.issue(
            profile,
            name,
            keys.getPublic(),
            notBefore(),
            validity.get().leaf(),
            layout.inAgency(ca.agency(), dir.resolve(certFile)));
    PkiFiles.writePublic(dir.resolve(certFile), Pem.encode(cert));
    PkiFiles.writeSecret(dir.resolve(keyFile), Pem.encode(keys.getPrivate()));
    return cert;
  }

  static byte[] pkcs12(String alias, KeyPair keys, X509Certificate cert, X509Certificate caCert) {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      char[] password = PkiLayout.P12_PASSWORD.toCharArray();
      store.setKeyEntry(alias, keys.getPrivate(), password, new Certificate[] {cert, caCert});
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      store.store(out, password);
      return out.toByteArray();
    } catch (GeneralSecurityException | IOException e) {
      throw new PkiException(
          PkiException.Kind.CRYPTO_FAILURE, "cannot make the PKCS#12 of " + alias, e);
    }
  }

  private Instant notBefore() {
    return validity.get().notBefore() != null ? validity.get().notBefore() : clock.instant();
  }
}

package org.liaison.wire.pki;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.Optional;
import org.liaison.pem.Pem;

/**
 * This node's own material: its agency and name, and the signing, encryption (HPKE) and TLS key
 * pairs, loaded from {@code <pki>/<agency>/nodes/<node>}. The agency is the subject O of the
 * signing certificate; all three certificates must agree on it.
 */
public final class NodeCredentials {

  private final String agency;
  private final String node;
  private final PrivateKey signingKey;
  private final X509Certificate signingCertificate;
  private final PrivateKey encryptionKey;
  private final X509Certificate encryptionCertificate;
  private final PrivateKey tlsKey;
  private final X509Certificate tlsCertificate;
  private final X509Certificate caCertificate;

  private NodeCredentials(
      String agency,
      String node,
      PrivateKey signingKey,
      X509Certificate signingCertificate,
      PrivateKey encryptionKey,
      X509Certificate encryptionCertificate,
      PrivateKey tlsKey,
      X509Certificate tlsCertificate,
      X509Certificate caCertificate) {
    this.agency = Objects.requireNonNull(agency, "agency");
    this.node = Objects.requireNonNull(node, "node");
    this.signingKey = Objects.requireNonNull(signingKey, "signingKey");
    this.signingCertificate = Objects.requireNonNull(signingCertificate, "signingCertificate");
    this.encryptionKey = Objects.requireNonNull(encryptionKey, "encryptionKey");
    this.encryptionCertificate =
        Objects.requireNonNull(encryptionCertificate, "encryptionCertificate");
    this.tlsKey = tlsKey;
    this.tlsCertificate = tlsCertificate;
    this.caCertificate = caCertificate;
    for (X509Certificate c : new X509Certificate[] {signingCertificate, encryptionCertificate}) {
      String o = Certificates.organization(c).orElse("");
      if (!o.equals(agency)) {
        throw new IllegalArgumentException(
            "certificate " + c.getSubjectX500Principal() + " is not issued to agency " + agency);
      }
    }
  }

  /**
   * Loads a node folder ({@code signing.*}, {@code encryption.*}, {@code tls.*}); the agency CA is
   * read from {@code ../../ca.crt.pem} when present.
   */
  public static NodeCredentials load(Path nodeDir) throws IOException {
    X509Certificate signing = Pem.readCertificate(nodeDir.resolve("signing.crt.pem"));
    String agency =
        Certificates.organization(signing)
            .orElseThrow(() -> new IOException(nodeDir + ": signing certificate has no subject O"));
    Path tlsCrt = nodeDir.resolve("tls.crt.pem");
    boolean hasTls = Files.exists(tlsCrt);
    Path parent = nodeDir.toAbsolutePath().getParent();
    Path ca =
        parent == null || parent.getParent() == null
            ? null
            : parent.getParent().resolve("ca.crt.pem");
    try {
      return new NodeCredentials(
          agency,
          nodeDir.toAbsolutePath().getFileName().toString(),
          Pem.readPrivateKey(nodeDir.resolve("signing.key.pem")),
          signing,
          Pem.readPrivateKey(nodeDir.resolve("encryption.key.pem")),
          Pem.readCertificate(nodeDir.resolve("encryption.crt.pem")),
          hasTls ? Pem.readPrivateKey(nodeDir.resolve("tls.key.pem")) : null,
          hasTls ? Pem.readCertificate(tlsCrt) : null,
          ca != null && Files.exists(ca) ? Pem.readCertificate(ca) : null);
    } catch (IllegalArgumentException e) {
      throw new IOException(nodeDir + ": " + e.getMessage(), e);
    }
  }

  /** Credentials from material in memory (tests, tools). TLS material may be null. */
  public static NodeCredentials of(
      String agency,
      String node,
      PrivateKey signingKey,
      X509Certificate signingCertificate,
      PrivateKey encryptionKey,
      X509Certificate encryptionCertificate,
      PrivateKey tlsKey,
      X509Certificate tlsCertificate) {
    return new NodeCredentials(
        agency,
        node,
        signingKey,
        signingCertificate,
        encryptionKey,
        encryptionCertificate,
        tlsKey,
        tlsCertificate,
        null);
  }

  public String agency() {
    return agency;
  }

  public String node() {
    return node;
  }

  public PrivateKey signingKey() {
    return signingKey;
  }

  public X509Certificate signingCertificate() {
    return signingCertificate;
  }

  public PrivateKey encryptionKey() {
    return encryptionKey;
  }

  public X509Certificate encryptionCertificate() {
    return encryptionCertificate;
  }

  public Optional<PrivateKey> tlsKey() {
    return Optional.ofNullable(tlsKey);
  }

  public Optional<X509Certificate> tlsCertificate() {
    return Optional.ofNullable(tlsCertificate);
  }

  /** The agency's own CA certificate, when it was found next to the node folder. */
  public Optional<X509Certificate> caCertificate() {
    return Optional.ofNullable(caCertificate);
  }

  @Override
  public String toString() {
    return "NodeCredentials[" + node + "." + agency + "]";
  }
}

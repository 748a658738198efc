package org.liaison.node.audit;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.jboss.logging.Logger;
import org.liaison.node.config.NodeConfig;
import org.liaison.node.runtime.NodeKeys;
import org.liaison.wire.audit.AuditCheckpoints;
import org.liaison.wire.pki.NodeCredentials;
import org.liaison.wire.v1.SignedAuditCheckpoint;

/**
 * The key that signs audit checkpoints: the node's signing key. A node started without its PKI and
 * without its listeners (unit tests of other features) gets a throw-away key and CA instead, so its
 * log still works; a running node never does.
 */
@ApplicationScoped
public class AuditSigning {
  private static final Logger LOG = Logger.getLogger(AuditSigning.class);

  @Inject NodeConfig config;
  @Inject NodeKeys keys;

  /** The key, its certificate and the chain for bundles; replaced together on a key rotation. */
  private record Signer(PrivateKey key, X509Certificate certificate, List<X509Certificate> chain) {}

  private volatile Signer signer;

  @PostConstruct
  void load() {
    boolean hasPki = Files.exists(config.pki().dir().resolve("signing.key.pem"));
    if (hasPki || config.runtime().enabled()) {
      signer = from(keys.credentials());
      // checkpoints are signed with the key envelopes are signed with, also after a rotation
      keys.onKeyChange(next -> signer = from(next));
    } else {
      LOG.warn("no PKI: audit checkpoints are signed with a throw-away key (tests only)");
      throwAway();
    }
  }

  public String agency() {
    return config.agency();
  }

  public String node() {
    return config.node();
  }

  private Signer from(NodeCredentials c) {
    List<X509Certificate> chain = new ArrayList<>();
    chain.add(c.signingCertificate());
    c.caCertificate()
        .or(() -> keys.directory().caCertificate(config.agency()))
        .ifPresent(chain::add);
    return new Signer(c.signingKey(), c.signingCertificate(), List.copyOf(chain));
  }

  public X509Certificate certificate() {
    return signer.certificate();
  }

  /** The signing certificate and the agency CA, for bundles. */
  public List<X509Certificate> chain() {
    return signer.chain();
  }

  public SignedAuditCheckpoint sign(long treeSize, byte[] root, long timestampMs) {
    Signer s = signer;
    try {
      return AuditCheckpoints.sign(
          s.key(), s.certificate(), agency(), node(), treeSize, root, timestampMs);
    } catch (InvalidKeyException e) {
      throw new IllegalStateException("the node's signing key is not an EC P-256 key", e);
    }
  }

  private void throwAway() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair ca = g.generateKeyPair();
      KeyPair signing = g.generateKeyPair();
      X500Name caName = new X500Name("CN=throw-away audit CA,O=" + agency());
      X509Certificate caCert = issue(caName, caName, ca.getPublic(), ca.getPrivate(), true);
      X509Certificate certificate =
          issue(
              caName,
              new X500Name("CN=" + node() + " audit,OU=node,O=" + agency()),
              signing.getPublic(),
              ca.getPrivate(),
              false);
      signer = new Signer(signing.getPrivate(), certificate, List.of(certificate, caCert));
    } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
      throw new IllegalStateException("cannot make a throw-away audit key", e);
    }
  }

  private static X509Certificate issue(
      X500Name issuer, X500Name subject, java.security.PublicKey pub, PrivateKey signer, boolean ca)
      throws OperatorCreationException, GeneralSecurityException, java.io.IOException {
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            issuer,
            BigInteger.valueOf(now.toEpochMilli()),
            Date.from(now.minus(1, ChronoUnit.DAYS)),
            Date.from(now.plus(365, ChronoUnit.DAYS)),
            subject,
            pub);
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
    return new JcaX509CertificateConverter()
        .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
  }
}

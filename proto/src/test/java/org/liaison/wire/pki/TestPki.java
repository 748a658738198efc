package org.liaison.wire.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.liaison.pem.Pem;

/**
 * Test PKI built fresh on every run, with precise defects on demand: expired, not yet valid, wrong
 * key usage, foreign CA, revoked, wrong O.
 */
public final class TestPki {

  public static final BouncyCastleProvider BC = new BouncyCastleProvider();
  public static final int SIGNING_USAGE = KeyUsage.digitalSignature | KeyUsage.nonRepudiation;
  public static final int ENCRYPTION_USAGE = KeyUsage.keyAgreement;
  private static final SecureRandom RANDOM = new SecureRandom();

  private TestPki() {}

  public record Issued(KeyPair key, X509Certificate cert) {}

  public static KeyPair newKey() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC", BC);
      g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
      return g.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public static Agency agency(String id) {
    return new Agency(id);
  }

  /** A trust directory holding the agencies' CAs, current CRLs and registered nodes. */
  public static TrustDirectory directory(Agency... agencies) {
    TrustDirectory.Builder b = TrustDirectory.builder();
    for (Agency a : agencies) {
      b.agency(a.id, a.ca, a.crl());
      a.nodes.forEach((n, c) -> b.node(a.id, n, c.signingCertificate(), c.encryptionCertificate()));
    }
    return b.build();
  }

  /** Writes the PKI layout of docs/architecture.md for these agencies under {@code pki}. */
  public static void write(Path pki, Agency... agencies) throws IOException {
    for (Agency a : agencies) {
      Path pub = pki.resolve("directory").resolve(a.id);
      Pem.write(pub.resolve("ca.crt.pem"), a.ca);
      Pem.write(pub.resolve("ca.crl.pem"), a.crl());
      Path priv = pki.resolve(a.id);
      Pem.write(priv.resolve("ca.crt.pem"), a.ca);
      Pem.write(priv.resolve("ca.key.pem"), a.caKey.getPrivate());
      for (Map.Entry<String, NodeCredentials> e : a.nodes.entrySet()) {
        NodeCredentials c = e.getValue();
        Path pn = pub.resolve("nodes").resolve(e.getKey());
        Pem.write(pn.resolve("signing.crt.pem"), c.signingCertificate());
        Pem.write(pn.resolve("encryption.crt.pem"), c.encryptionCertificate());
        Path n = priv.resolve("nodes").resolve(e.getKey());
        Pem.write(n.resolve("signing.crt.pem"), c.signingCertificate());
        Pem.write(n.resolve("signing.key.pem"), c.signingKey());
        Pem.write(n.resolve("encryption.crt.pem"), c.encryptionCertificate());
        Pem.write(n.resolve("encryption.key.pem"), c.encryptionKey());
        Pem.write(n.resolve("tls.crt.pem"), c.tlsCertificate().orElseThrow());
        Pem.write(n.resolve("tls.key.pem"), c.tlsKey().orElseThrow());
      }
    }
  }

  /** One agency: its root CA, the certificates it issued, and its revocation list. */
  public static final class Agency {
    public final String id;
    public final KeyPair caKey;
    public final X509Certificate ca;
    final Map<String, NodeCredentials> nodes = new LinkedHashMap<>();
    private final List<BigInteger> revoked = new ArrayList<>();
    private Instant crlThisUpdate = Instant.now().minus(1, ChronoUnit.HOURS);
    private Instant crlNextUpdate = Instant.now().plus(7, ChronoUnit.DAYS);

    private Agency(String id) {
      this.id = id;
      this.caKey = newKey();
      X500Name name = name(id + " Root CA", "ca", id);
      Instant now = Instant.now();
      try {
        JcaX509v3CertificateBuilder b =
            new JcaX509v3CertificateBuilder(
                name,
                serial(),
                Date.from(now.minus(Duration.ofDays(2))),
                Date.from(now.plus(Duration.ofDays(3650))),
                name,
                caKey.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        b.addExtension(
            Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        this.ca =
            new JcaX509CertificateConverter().setProvider(BC).getCertificate(b.build(signer()));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    /** Issues a leaf with exactly the given subject, key usage and validity, and no role. */
    public Issued issue(String cn, String o, String ou, int keyUsage, Instant from, Instant to) {
      return issue(cn, o, ou, keyUsage, from, to, null, null);
    }

    /**
     * Issues a leaf in {@code role} (policy OID and, for TLS roles, extended key usages; null for
     * none), with a {@code urn:liaison:<o>:<kind>:<name>} SAN when {@code urnName} is given.
     */
    public Issued issue(
        String cn,
        String o,
        String ou,
        int keyUsage,
        Instant from,
        Instant to,
        CertificateRole role,
        String urnName) {
      KeyPair key = newKey();
      try {
        JcaX509v3CertificateBuilder b =
            new JcaX509v3CertificateBuilder(
                ca, serial(), Date.from(from), Date.from(to), name(cn, ou, o), key.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
        if (role != null) {
          b.addExtension(
              Extension.certificatePolicies,
              false,
              new CertificatePolicies(new PolicyInformation(new ASN1ObjectIdentifier(role.oid()))));
          if (!role.extendedKeyUsages().isEmpty()) {
            b.addExtension(
                Extension.extendedKeyUsage,
                false,
                new ExtendedKeyUsage(
                    role.extendedKeyUsages().stream()
                        .map(oid -> KeyPurposeId.getInstance(new ASN1ObjectIdentifier(oid)))
                        .toArray(KeyPurposeId[]::new)));
          }
        }
        if (urnName != null) {
          b.addExtension(
              Extension.subjectAlternativeName,
              false,
              new GeneralNames(
                  new GeneralName(
                      GeneralName.uniformResourceIdentifier,
                      "urn:liaison:" + o + ":" + ou + ":" + urnName)));
        }
        return new Issued(
            key,
            new JcaX509CertificateConverter().setProvider(BC).getCertificate(b.build(signer())));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    public Issued issue(String cn, String o, String ou, int keyUsage) {
      Instant now = Instant.now();
      return issue(
          cn, o, ou, keyUsage, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)));
    }

    /** A leaf of this agency in {@code role}, valid from yesterday for a year. */
    public Issued inRole(String cn, String ou, int keyUsage, CertificateRole role, String name) {
      Instant now = Instant.now();
      return issue(
          cn,
          id,
          ou,
          keyUsage,
          now.minus(Duration.ofDays(1)),
          now.plus(Duration.ofDays(365)),
          role,
          name);
    }

    public Issued signing(String node) {
      return inRole(
          node + "." + id + " signing", "node", SIGNING_USAGE, CertificateRole.NODE_SIGNING, node);
    }

    public Issued encryption(String node) {
      return inRole(
          node + "." + id + " encryption",
          "node",
          ENCRYPTION_USAGE,
          CertificateRole.NODE_ENCRYPTION,
          node);
    }

    /** A TLS certificate; the role follows the OU (node, gateway, officer). */
    public Issued tls(String cn, String ou) {
      CertificateRole role =
          switch (ou) {
            case "node" -> CertificateRole.NODE_TLS;
            case "gateway" -> CertificateRole.GATEWAY_TLS;
            case "officer" -> CertificateRole.OFFICER;
            default -> null;
          };
      return inRole(cn, ou, KeyUsage.digitalSignature, role, cn);
    }

    /** The agency signatory's certificate (signs agreements). */
    public Issued signatory() {
      return inRole(
          id + " agreements",
          "agency",
          SIGNING_USAGE,
          CertificateRole.AGENCY_SIGNATORY,
          "agreements");
    }

    /** Issues a node's three key pairs and registers the node for {@link TestPki#directory}. */
    public NodeCredentials node(String node) {
      Issued s = signing(node);
      Issued e = encryption(node);
      Issued t = tls(node + "." + id, "node");
      NodeCredentials c =
          NodeCredentials.of(
              id,
              node,
              s.key().getPrivate(),
              s.cert(),
              e.key().getPrivate(),
              e.cert(),
              t.key().getPrivate(),
              t.cert());
      nodes.put(node, c);
      return c;
    }

    public void revoke(X509Certificate cert) {
      revoked.add(cert.getSerialNumber());
    }

    public void crlValidity(Instant thisUpdate, Instant nextUpdate) {
      this.crlThisUpdate = thisUpdate;
      this.crlNextUpdate = nextUpdate;
    }

    public X509CRL crl() {
      return crlSignedBy(caKey);
    }

    /** A CRL in this CA's name but signed with another key (a forged CRL). */
    public X509CRL crlSignedBy(KeyPair signer) {
      try {
        X509v2CRLBuilder b =
            new X509v2CRLBuilder(
                X500Name.getInstance(ca.getSubjectX500Principal().getEncoded()),
                Date.from(crlThisUpdate));
        b.setNextUpdate(Date.from(crlNextUpdate));
        for (BigInteger s : revoked) {
          b.addCRLEntry(s, Date.from(crlThisUpdate), CRLReason.keyCompromise);
        }
        ContentSigner cs =
            new JcaContentSignerBuilder("SHA256withECDSA")
                .setProvider(BC)
                .build(signer.getPrivate());
        return new JcaX509CRLConverter().setProvider(BC).getCRL(b.build(cs));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    private ContentSigner signer() throws Exception {
      return new JcaContentSignerBuilder("SHA256withECDSA")
          .setProvider(BC)
          .build(caKey.getPrivate());
    }
  }

  static X500Name name(String cn, String ou, String o) {
    return new X500NameBuilder(BCStyle.INSTANCE)
        .addRDN(BCStyle.CN, cn)
        .addRDN(BCStyle.OU, ou)
        .addRDN(BCStyle.O, o)
        .build();
  }

  private static BigInteger serial() {
    return new BigInteger(64, RANDOM).add(BigInteger.ONE);
  }
}

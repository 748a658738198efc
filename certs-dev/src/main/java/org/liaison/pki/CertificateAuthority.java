package org.liaison.pki;

import java.math.BigInteger;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.liaison.pem.Pem;

/** One agency's root CA: issues leaf certificates and CRLs and records what it did. */
final class CertificateAuthority {

  static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";
  static final Duration CRL_LIFETIME = Duration.ofDays(7);
  private static final KeyUsage CA_KEY_USAGE =
      new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign);

  private final String agency;
  private final X509Certificate certificate;
  private final PrivateKey key;
  private final CaState state;
  private final SecureRandom random;

  private CertificateAuthority(
      String agency,
      X509Certificate certificate,
      PrivateKey key,
      CaState state,
      SecureRandom random) {
    this.agency = agency;
    this.certificate = certificate;
    this.key = key;
    this.state = state;
    this.random = random;
  }

  /** A new self-signed root: {@code CN=<agency> Root CA, OU=ca, O=<agency>}. */
  static CertificateAuthority create(
      String agency, Instant now, Duration validity, SecureRandom random) {
    return create(agency, Profile.caSubject(agency), now, validity, random);
  }

  /**
   * A new self-signed root with the given subject (a successor CA has a name of its own, so that
   * issuers, CRLs and the CAs a TLS peer may present are told apart during the overlap).
   */
  static CertificateAuthority create(
      String agency, X500Name subject, Instant now, Duration validity, SecureRandom random) {
    KeyPair keys = EcKeys.generate(random);
    CaState state = new CaState(agency);
    BigInteger serial = randomSerial(random, state);
    Instant notBefore = now.truncatedTo(ChronoUnit.SECONDS);
    Instant notAfter = notBefore.plus(validity);
    try {
      JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
      SubjectKeyIdentifier ski = utils.createSubjectKeyIdentifier(keys.getPublic());
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
                  subject,
                  serial,
                  Date.from(notBefore),
                  Date.from(notAfter),
                  subject,
                  keys.getPublic())
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
              .addExtension(Extension.keyUsage, true, CA_KEY_USAGE)
              .addExtension(Extension.subjectKeyIdentifier, false, ski)
              .addExtension(
                  Extension.authorityKeyIdentifier,
                  false,
                  new AuthorityKeyIdentifier(ski.getKeyIdentifier()));
      X509Certificate cert = toCertificate(builder.build(signer(keys.getPrivate())));
      state.recordIssued(
          new IssuedCertificate(
              agency,
              serial,
              cert.getSubjectX500Principal().getName(),
              PkiLayout.CA_CERT,
              notBefore,
              notAfter,
              null,
              null));
      return new CertificateAuthority(agency, cert, keys.getPrivate(), state, random);
    } catch (GeneralSecurityException | CertIOException e) {
      throw new PkiException(
          PkiException.Kind.CRYPTO_FAILURE, "cannot make the CA of " + agency, e);
    }
  }

  static CertificateAuthority load(PkiLayout layout, String agency, SecureRandom random) {
    if (!Files.isRegularFile(layout.caState(agency))
        || !Files.isRegularFile(layout.caKey(agency))) {
      throw new PkiException(
          PkiException.Kind.UNKNOWN_AGENCY,
          "agency " + agency + " has no CA in " + layout.root() + "; create it with add-agency");
    }
    return new CertificateAuthority(
        agency,
        PkiFiles.readCertificate(layout.caCert(agency)),
        PkiFiles.readPrivateKey(layout.caKey(agency)),
        CaState.load(layout.caState(agency), agency),
        random);
  }

  /** Writes ca.crt.pem, ca.key.pem and ca.state.properties. */
  void save(PkiLayout layout) {
    PkiFiles.writePublic(layout.caCert(agency), Pem.encode(certificate));
    PkiFiles.writeSecret(layout.caKey(agency), Pem.encode(key));
    saveState(layout);
  }

  void saveState(PkiLayout layout) {
    state.save(layout.caState(agency));
  }

  /**
   * Issues a leaf of the given profile and records it.
   *
   * @param file where it will be written, relative to the agency folder (for the record)
   */
  X509Certificate issue(
      Profile profile,
      String name,
      PublicKey subjectKey,
      Instant notBefore,
      Duration validity,
      String file) {
    Instant from = notBefore.truncatedTo(ChronoUnit.SECONDS);
    try {
      X509v3CertificateBuilder builder =
          certificate(
                  profile.subject(agency, name),
                  subjectKey,
                  from,
                  from.plus(validity),
                  false,
                  profile.keyUsage())
              .addExtension(Extension.certificatePolicies, false, profile.rolePolicy())
              .addExtension(
                  Extension.subjectAlternativeName, false, profile.subjectAltNames(agency, name));
      ExtendedKeyUsage eku = profile.extendedKeyUsage();
      if (eku != null) {
        builder.addExtension(Extension.extendedKeyUsage, false, eku);
      }
      return signAndRecord(builder, file);
    } catch (GeneralSecurityException | CertIOException e) {
      throw new PkiException(
          PkiException.Kind.CRYPTO_FAILURE, "cannot issue a " + profile + " certificate", e);
    }
  }

  /**
   * A rollover certificate (RFC 4210's "new with old"): this CA certifies {@code successor}'s
   * subject and key, so that whoever trusts this CA can take in the successor from the agency's own
   * signed material. Valid from now until the earlier of both CAs' ends.
   */
  X509Certificate certifySuccessor(X509Certificate successor, Instant now) {
    Instant to =
        successor.getNotAfter().before(certificate.getNotAfter())
            ? successor.getNotAfter().toInstant()
            : certificate.getNotAfter().toInstant();
    try {
      return signAndRecord(
          certificate(
              X500Name.getInstance(successor.getSubjectX500Principal().getEncoded()),
              successor.getPublicKey(),
              now.truncatedTo(ChronoUnit.SECONDS),
              to,
              true,
              CA_KEY_USAGE),
          "rollover");
    } catch (GeneralSecurityException | CertIOException e) {
      throw new PkiException(
          PkiException.Kind.CRYPTO_FAILURE, "cannot certify the successor CA of " + agency, e);
    }
  }

  /**
   * What every certificate this CA signs starts with: a serial it has not used, this CA as issuer,
   * the validity, the subject and its key, basic constraints and key usage (both critical), and the
   * subject's and this CA's key identifiers.
   */
  private X509v3CertificateBuilder certificate(
      X500Name subject, PublicKey subjectKey, Instant from, Instant to, boolean ca, KeyUsage usage)
      throws GeneralSecurityException, CertIOException {
    return new JcaX509v3CertificateBuilder(
            X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()),
            randomSerial(random, state),
            Date.from(from),
            Date.from(to),
            subject,
            subjectKey)
        .addExtension(Extension.basicConstraints, true, new BasicConstraints(ca))
        .addExtension(Extension.keyUsage, true, usage)
        .addExtension(
            Extension.subjectKeyIdentifier,
            false,
            new JcaX509ExtensionUtils().createSubjectKeyIdentifier(subjectKey))
        .addExtension(
            Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(caKeyId()));
  }

  /** Signs the certificate with this CA's key and records it as issued into {@code file}. */
  private X509Certificate signAndRecord(X509v3CertificateBuilder builder, String file)
      throws GeneralSecurityException {
    X509Certificate cert = toCertificate(builder.build(signer(key)));
    state.recordIssued(
        new IssuedCertificate(
            agency,
            cert.getSerialNumber(),
            cert.getSubjectX500Principal().getName(),
            file,
            cert.getNotBefore().toInstant(),
            cert.getNotAfter().toInstant(),
            null,
            null));
    return cert;
  }

  /** Records a revocation; the caller re-issues the CRL. */
  void revoke(BigInteger serial, RevocationReason reason, Instant when) {
    IssuedCertificate cert = state.get(serial);
    if (cert == null) {
      throw new PkiException(
          PkiException.Kind.UNKNOWN_ENTITY,
          "the CA of " + agency + " never issued serial " + serial.toString(16) + "; see 'list'");
    }
    if (serial.equals(certificate.getSerialNumber())) {
      throw new PkiException(
          PkiException.Kind.NOT_ISSUED_BY_CA,
          "serial "
              + serial.toString(16)
              + " is the CA of "
              + agency
              + " itself; a root cannot be revoked on its own CRL, make a new PKI instead");
    }
    if (cert.revoked()) {
      throw new PkiException(
          PkiException.Kind.ALREADY_REVOKED,
          "serial "
              + serial.toString(16)
              + " of "
              + agency
              + " is already revoked ("
              + cert.revocationReason()
              + ", "
              + cert.revokedAt()
              + ")");
    }
    state.recordRevoked(serial, reason, when.truncatedTo(ChronoUnit.SECONDS));
  }

  /** True when this CA's key signed the certificate. */
  boolean signed(X509Certificate cert) {
    if (!cert.getIssuerX500Principal().equals(certificate.getSubjectX500Principal())) {
      return false;
    }
    try {
      cert.verify(certificate.getPublicKey());
      return true;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /** A new CRL: thisUpdate now, nextUpdate +7 days, the next CRL number, every revoked serial. */
  X509CRL crl(Instant now) {
    Instant thisUpdate = now.truncatedTo(ChronoUnit.SECONDS);
    try {
      X509v2CRLBuilder builder =
          new X509v2CRLBuilder(
              X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()),
              Date.from(thisUpdate));
      builder.setNextUpdate(Date.from(thisUpdate.plus(CRL_LIFETIME)));
      for (IssuedCertificate revoked : state.revoked()) {
        builder.addCRLEntry(
            revoked.serial(), Date.from(revoked.revokedAt()), revoked.revocationReason().code());
      }
      builder.addExtension(Extension.cRLNumber, false, new CRLNumber(state.nextCrlNumber()));
      builder.addExtension(
          Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(caKeyId()));
      X509CRLHolder holder = builder.build(signer(key));
      return new JcaX509CRLConverter().getCRL(holder);
    } catch (GeneralSecurityException | CertIOException e) {
      throw new PkiException(
          PkiException.Kind.CRYPTO_FAILURE, "cannot make the CRL of " + agency, e);
    }
  }

  String agency() {
    return agency;
  }

  X509Certificate certificate() {
    return certificate;
  }

  PrivateKey key() {
    return key;
  }

  CaState state() {
    return state;
  }

  private byte[] caKeyId() {
    byte[] ext = certificate.getExtensionValue(Extension.subjectKeyIdentifier.getId());
    return SubjectKeyIdentifier.getInstance(ASN1OctetString.getInstance(ext).getOctets())
        .getKeyIdentifier();
  }

  /** A positive, non-zero random 128-bit serial this CA has not used. */
  private static BigInteger randomSerial(SecureRandom random, CaState state) {
    while (true) {
      byte[] bytes = new byte[16];
      random.nextBytes(bytes);
      BigInteger serial = new BigInteger(1, bytes);
      if (serial.signum() > 0 && !state.isIssued(serial)) {
        return serial;
      }
    }
  }

  private static ContentSigner signer(PrivateKey key) {
    try {
      return new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(key);
    } catch (OperatorCreationException e) {
      throw new PkiException(
          PkiException.Kind.CRYPTO_FAILURE, "cannot sign with " + SIGNATURE_ALGORITHM, e);
    }
  }

  private static X509Certificate toCertificate(X509CertificateHolder holder)
      throws GeneralSecurityException {
    return new JcaX509CertificateConverter().getCertificate(holder);
  }
}

package org.liaison.wire.pki;

import java.security.PublicKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.liaison.wire.crypto.Ecdsa;
import org.liaison.wire.v1.Reason;

/**
 * Decides whether a certificate belongs to an agency: issued directly by one of the agency's root
 * CAs (as held in the {@link TrustDirectory} and currently trusted: during a CA rotation the old
 * and the new one), subject O equal to the agency, valid at the given instant, in the {@link
 * CertificateRole} the check asks for, and not revoked by the current, correctly signed CRL of the
 * CA that issued it. A certificate of a CA the agency withdrew is refused as {@code CA_WITHDRAWN},
 * one of a CA held but not trusted here as {@code CA_NOT_ANNOUNCED}. Each failure has its own
 * {@link Reason}; checks run in that order, so the reason names the first thing wrong.
 *
 * <p>Only ECDSA P-256/SHA-256 signatures on certificates and CRLs are accepted. Successful
 * signature checks are cached by (certificate, CA) fingerprint. A certificate accepted once is
 * remembered ({@link AcceptedCertificates}) with the CA object that issued it and the period in
 * which every time-dependent check it passed still holds; a later call that finds that same CA
 * object among the agency's CAs trusted now, within that period, skips the chain, role and CRL
 * checks. The agency's trusted CAs (its agreement pins) are read on every call. Thread-safe.
 */
public final class CertificateValidator {

  static final String ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";
  private static final int CACHE_LIMIT = 10_000;

  private final TrustDirectory trust;
  private final Map<String, Boolean> verifiedSignatures = new ConcurrentHashMap<>();
  private final Map<X509CRL, Boolean> verifiedCrls = new ConcurrentHashMap<>();
  private final AcceptedCertificates accepted = new AcceptedCertificates();

  public CertificateValidator(TrustDirectory trust) {
    this.trust = trust;
  }

  public TrustDirectory trust() {
    return trust;
  }

  /**
   * Validates {@code cert} as belonging to {@code agency} for {@code role} at {@code at}.
   *
   * @throws CertificateValidationException with UNKNOWN_AGENCY, SIGNER_NOT_OF_SENDER_AGENCY,
   *     CHAIN_NOT_TO_AGENCY_CA, CERTIFICATE_NOT_YET_VALID, CERTIFICATE_EXPIRED,
   *     CERTIFICATE_WRONG_ROLE or CERTIFICATE_REVOKED
   */
  public void validate(X509Certificate cert, String agency, CertificateRole role, Instant at)
      throws CertificateValidationException {
    validate(CertificateFacts.of(cert), agency, role, at);
  }

  /** As {@link #validate(X509Certificate, String, CertificateRole, Instant)}, from its facts. */
  public void validate(CertificateFacts facts, String agency, CertificateRole role, Instant at)
      throws CertificateValidationException {
    X509Certificate cert = facts.certificate();
    Optional<TrustDirectory.Agency> held = trust.held(agency);
    // read once per call: the pins behind it are evaluated from the agreements each time
    List<TrustDirectory.AgencyCa> trustedCas =
        held.map(trust::trustedCas).orElse(List.<TrustDirectory.AgencyCa>of());
    if (trustedCas.isEmpty()) {
      Optional<String> withdrawn = held.flatMap(h -> issuerAmong(cert, h.withdrawn()));
      if (withdrawn.isPresent()) {
        throw withdrawn(cert, agency, withdrawn.get());
      }
      throw fail(
          Reason.UNKNOWN_AGENCY,
          "Agency '"
              + agency
              + "' is not trusted here: no agreement in force names its CA,"
              + " or its public material is missing from the directory.");
    }
    TrustDirectory.Agency a = held.get();
    Instant when = at.truncatedTo(ChronoUnit.MILLIS); // as a Date compares
    if (accepted.stillAccepted(facts.fingerprint(), agency, role, trustedCas, when)) {
      return;
    }
    String o = facts.organization().orElse("");
    if (!o.equals(agency)) {
      throw fail(
          Reason.SIGNER_NOT_OF_SENDER_AGENCY,
          "Certificate '"
              + cert.getSubjectX500Principal().getName()
              + "' is issued to O='"
              + o
              + "', not to agency '"
              + agency
              + "'.");
    }
    TrustDirectory.AgencyCa ca = checkChain(cert, a, trustedCas, at);
    if (when.isBefore(facts.notBefore())) {
      throw fail(
          Reason.CERTIFICATE_NOT_YET_VALID,
          "Certificate of "
              + agency
              + " is valid only from "
              + facts.notBefore()
              + "; check the clocks or wait.");
    }
    if (when.isAfter(facts.notAfter())) {
      throw fail(
          Reason.CERTIFICATE_EXPIRED,
          "Certificate of "
              + agency
              + " expired at "
              + facts.notAfter()
              + "; the agency must issue a new one.");
    }
    if (!role.isHeldBy(cert)) {
      throw fail(
          Reason.CERTIFICATE_WRONG_ROLE,
          "Certificate '"
              + cert.getSubjectX500Principal().getName()
              + "' of "
              + agency
              + " is "
              + CertificateRole.of(cert)
                  .map(r -> "a " + r.label() + " certificate")
                  .orElse("of no Liaison role")
              + ", not a "
              + role.label()
              + " certificate (policy "
              + role.oid()
              + " with its key usage), so it cannot prove this.");
    }
    X509CRL crl = checkRevocation(cert, a.id(), ca, at);
    accepted.remember(facts, agency, role, ca, crl);
  }

  /**
   * The trusted CA of the agency that issued {@code cert}. When none did, the refusal says whether
   * a CA the agency withdrew issued it, or a CA of the agency that is held but not trusted here.
   */
  private TrustDirectory.AgencyCa checkChain(
      X509Certificate cert,
      TrustDirectory.Agency a,
      List<TrustDirectory.AgencyCa> trusted,
      Instant at)
      throws CertificateValidationException {
    TrustDirectory.AgencyCa ca = null;
    for (TrustDirectory.AgencyCa c : trusted) {
      if (issued(cert, c)) {
        ca = c;
        break;
      }
    }
    if (ca == null) {
      Optional<String> withdrawn = issuerAmong(cert, a.withdrawn());
      if (withdrawn.isPresent()) {
        throw withdrawn(cert, a.id(), withdrawn.get());
      }
      Optional<String> unannounced = issuerAmong(cert, a.cas());
      if (unannounced.isPresent()) {
        throw fail(
            Reason.CA_NOT_ANNOUNCED,
            "Certificate '"
                + cert.getSubjectX500Principal().getName()
                + "' was issued by a CA of "
                + a.id()
                + " (fingerprint "
                + unannounced.get()
                + ") that no agreement in force names and that no CA it names vouched for;"
                + " trust it by an agreement naming it or by "
                + a.id()
                + "'s rollover certificate.");
      }
      throw fail(
          Reason.CHAIN_NOT_TO_AGENCY_CA,
          "Certificate '"
              + cert.getSubjectX500Principal().getName()
              + "' was not issued by the CA of "
              + a.id()
              + " (fingerprint "
              + trusted.stream().map(TrustDirectory.AgencyCa::fingerprint).toList()
              + ").");
    }
    CertificateFacts caFacts = CertificateFacts.of(ca.certificate());
    Instant when = at.truncatedTo(ChronoUnit.MILLIS);
    if (when.isBefore(caFacts.notBefore()) || when.isAfter(caFacts.notAfter())) {
      throw fail(
          Reason.CHAIN_NOT_TO_AGENCY_CA,
          "The CA certificate of " + a.id() + " is not valid at " + at + ".");
    }
    return ca;
  }

  private boolean issued(X509Certificate cert, TrustDirectory.AgencyCa ca) {
    return cert.getIssuerX500Principal().equals(ca.certificate().getSubjectX500Principal())
        && signatureValid(cert, ca.certificate(), ca.fingerprint());
  }

  private Optional<String> issuerAmong(X509Certificate cert, List<TrustDirectory.AgencyCa> cas) {
    return cas.stream()
        .filter(c -> issued(cert, c))
        .map(TrustDirectory.AgencyCa::fingerprint)
        .findFirst();
  }

  private static CertificateValidationException withdrawn(
      X509Certificate cert, String agency, String caFingerprint) {
    return fail(
        Reason.CA_WITHDRAWN,
        "Certificate '"
            + cert.getSubjectX500Principal().getName()
            + "' was issued by a CA that "
            + agency
            + " withdrew (fingerprint "
            + caFingerprint
            + "); "
            + agency
            + " must use the certificate re-issued under its current CA.");
  }

  private boolean signatureValid(X509Certificate cert, X509Certificate ca, String caFp) {
    String key = Certificates.fingerprint(cert) + "/" + caFp;
    Boolean cached = verifiedSignatures.get(key);
    if (cached != null) {
      return cached;
    }
    boolean ok = signedBy(cert, ca.getPublicKey());
    if (verifiedSignatures.size() > CACHE_LIMIT) {
      verifiedSignatures.clear();
    }
    verifiedSignatures.put(key, ok);
    return ok;
  }

  /** The CRL that shows the certificate is not revoked. */
  private X509CRL checkRevocation(
      X509Certificate cert, String agency, TrustDirectory.AgencyCa ca, Instant at)
      throws CertificateValidationException {
    X509CRL crl = ca.crl();
    if (crl == null) {
      throw fail(
          Reason.CERTIFICATE_REVOKED,
          "Revocation status unknown: the CA of "
              + agency
              + " that issued it has published no CRL (none in the directory is signed by it).");
    }
    if (!verifiedCrls.computeIfAbsent(crl, c -> crlSignedBy(c, ca.certificate().getPublicKey()))
        || !crl.getIssuerX500Principal().equals(ca.certificate().getSubjectX500Principal())) {
      throw fail(
          Reason.CERTIFICATE_REVOKED,
          "Revocation status unknown: the CRL of " + agency + " is not signed by its CA.");
    }
    Date when = Date.from(at);
    if (when.before(crl.getThisUpdate())
        || crl.getNextUpdate() == null
        || !when.before(crl.getNextUpdate())) {
      throw fail(
          Reason.CERTIFICATE_REVOKED,
          "Revocation status unknown: the CRL of "
              + agency
              + " is not current at "
              + at
              + "; the agency must publish a fresh one.");
    }
    if (crl.getRevokedCertificate(cert.getSerialNumber()) != null) {
      throw fail(
          Reason.CERTIFICATE_REVOKED,
          "Certificate serial "
              + cert.getSerialNumber().toString(16)
              + " of "
              + agency
              + " is revoked by its CA.");
    }
    return crl;
  }

  /** Whether {@code caKey} signed the certificate (ECDSA P-256 with SHA-256 only). */
  static boolean signedBy(X509Certificate cert, PublicKey caKey) {
    try {
      return ECDSA_WITH_SHA256.equals(cert.getSigAlgOID())
          && Ecdsa.verify(caKey, cert.getTBSCertificate(), cert.getSignature());
    } catch (java.security.cert.CertificateEncodingException e) {
      return false;
    }
  }

  /** Whether {@code caKey} signed the CRL (ECDSA P-256 with SHA-256 only). */
  static boolean crlSignedBy(X509CRL crl, PublicKey caKey) {
    try {
      return ECDSA_WITH_SHA256.equals(crl.getSigAlgOID())
          && Ecdsa.verify(caKey, crl.getTBSCertList(), crl.getSignature());
    } catch (java.security.cert.CRLException e) {
      return false;
    }
  }

  private static CertificateValidationException fail(Reason reason, String message) {
    return new CertificateValidationException(reason, message);
  }
}

package org.liaison.wire.pki;

import java.security.cert.X509CRL;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The certificates a {@link CertificateValidator} accepted, so that a certificate seen on every
 * envelope or call (a node's signing certificate, a TLS peer's) is checked in full once, not each
 * time. Keyed by the certificate's fingerprint (the SHA-256 of its DER bytes), the agency and the
 * role it was accepted for.
 *
 * <p>An entry holds the CA object that issued the certificate and the period in which all the
 * time-dependent checks it passed still hold: the certificate, its CA and the CRL consulted all
 * valid and current. It is used only while that very CA object is among the CAs the agency is
 * trusted under now. A reload of the trust directory (a CRL re-issued, a CA withdrawn or added)
 * replaces every CA object, so a certificate revoked by the new CRL is checked again and refused on
 * its next use; an agreement that stops pinning the CA takes it out of the trusted list at once;
 * past the period (the certificate, its CA or the CRL expire) the entry no longer counts.
 *
 * <p>Bounded: a flood of distinct certificates costs full checks, never memory. Thread-safe.
 */
final class AcceptedCertificates {
  private static final int LIMIT = 10_000;

  private record Key(String fingerprint, String agency, CertificateRole role) {}

  /** Accepted under {@code ca} from {@code from} to {@code until}, both included. */
  private record Accepted(TrustDirectory.AgencyCa ca, Instant from, Instant until) {}

  private final Map<Key, Accepted> accepted = new ConcurrentHashMap<>();

  /**
   * Whether the certificate was accepted under one of {@code trustedNow}, for instant {@code at}.
   */
  boolean stillAccepted(
      String fingerprint,
      String agency,
      CertificateRole role,
      List<TrustDirectory.AgencyCa> trustedNow,
      Instant at) {
    Accepted a = accepted.get(new Key(fingerprint, agency, role));
    if (a == null || at.isBefore(a.from) || at.isAfter(a.until)) {
      return false;
    }
    for (TrustDirectory.AgencyCa ca : trustedNow) {
      if (ca == a.ca) { // the same object: a reloaded directory holds new ones
        return true;
      }
    }
    return false;
  }

  /**
   * Remembers a certificate that passed every check under {@code ca}, whose {@code crl} was used.
   */
  void remember(
      CertificateFacts cert,
      String agency,
      CertificateRole role,
      TrustDirectory.AgencyCa ca,
      X509CRL crl) {
    CertificateFacts caFacts = CertificateFacts.of(ca.certificate());
    Instant from = latest(cert.notBefore(), caFacts.notBefore(), crl.getThisUpdate().toInstant());
    // the CRL is current strictly before its next update
    Instant until =
        earliest(
            cert.notAfter(),
            caFacts.notAfter(),
            crl.getNextUpdate().toInstant().truncatedTo(ChronoUnit.MILLIS).minusMillis(1));
    if (accepted.size() >= LIMIT) {
      accepted.clear();
    }
    accepted.put(new Key(cert.fingerprint(), agency, role), new Accepted(ca, from, until));
  }

  private static Instant latest(Instant a, Instant b, Instant c) {
    Instant m = a.isAfter(b) ? a : b;
    return m.isAfter(c) ? m : c;
  }

  private static Instant earliest(Instant a, Instant b, Instant c) {
    Instant m = a.isBefore(b) ? a : b;
    return m.isBefore(c) ? m : c;
  }
}

package org.liaison.wire.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.liaison.wire.v1.Reason;

/**
 * A validator remembers the certificates it accepted (decision 0069); every check still bites on
 * the next call: a revocation, an expiry (of the certificate, its CA's CRL), an agreement that no
 * longer pins the CA, another role or agency asked.
 */
class AcceptedCertificatesTest {

  private final Instant now = Instant.now();

  private static Reason refusal(
      CertificateValidator v, X509Certificate c, String agency, CertificateRole r, Instant at) {
    CertificateValidationException e =
        catchThrowableOfType(
            CertificateValidationException.class, () -> v.validate(c, agency, r, at));
    assertThat(e).as("expected a refusal").isNotNull();
    return e.reason();
  }

  private static void accepts(
      CertificateValidator v, X509Certificate c, String agency, CertificateRole r, Instant at) {
    assertThatCode(() -> v.validate(c, agency, r, at)).doesNotThrowAnyException();
  }

  @Test
  void aCertificateRevokedWhileRemembered_isRefusedOnTheNextCall_afterTheDirectoryIsReloaded() {
    TestPki.Agency ice = TestPki.agency("us.ice");
    X509Certificate c = ice.signing("node-1").cert();
    TrustDirectory trust = TestPki.directory(ice);
    CertificateValidator v = new CertificateValidator(trust);
    accepts(v, c, "us.ice", CertificateRole.NODE_SIGNING, now);
    accepts(v, c, "us.ice", CertificateRole.NODE_SIGNING, now.plusSeconds(1));

    ice.revoke(c);
    trust.replaceWith(TestPki.directory(ice)); // the watcher's reload of a re-issued CRL

    assertThat(refusal(v, c, "us.ice", CertificateRole.NODE_SIGNING, now.plusSeconds(2)))
        .isEqualTo(Reason.CERTIFICATE_REVOKED);
  }

  @Test
  void aRememberedCertificate_isRefusedOnceItExpires() {
    TestPki.Agency ice = TestPki.agency("us.ice");
    Instant notAfter = now.plus(Duration.ofHours(1));
    X509Certificate c =
        ice.issue(
                "node-1.us.ice signing",
                "us.ice",
                "node",
                TestPki.SIGNING_USAGE,
                now.minus(Duration.ofDays(1)),
                notAfter,
                CertificateRole.NODE_SIGNING,
                "node-1")
            .cert();
    CertificateValidator v = new CertificateValidator(TestPki.directory(ice));
    accepts(v, c, "us.ice", CertificateRole.NODE_SIGNING, now);
    Instant lastMilli = c.getNotAfter().toInstant();
    accepts(v, c, "us.ice", CertificateRole.NODE_SIGNING, lastMilli);

    assertThat(refusal(v, c, "us.ice", CertificateRole.NODE_SIGNING, lastMilli.plusMillis(1)))
        .isEqualTo(Reason.CERTIFICATE_EXPIRED);
    assertThat(refusal(v, c, "us.ice", CertificateRole.NODE_SIGNING, now.minus(Duration.ofDays(2))))
        .isEqualTo(Reason.CERTIFICATE_NOT_YET_VALID);
  }

  @Test
  void aRememberedCertificate_isRefusedOnceItsCrlIsNoLongerCurrent() {
    TestPki.Agency dea = TestPki.agency("us.dea");
    Instant nextUpdate = now.plus(Duration.ofMinutes(10));
    dea.crlValidity(now.minus(Duration.ofHours(1)), nextUpdate);
    X509Certificate c = dea.signing("node-1").cert();
    CertificateValidator v = new CertificateValidator(TestPki.directory(dea));
    accepts(v, c, "us.dea", CertificateRole.NODE_SIGNING, now);

    Instant crlNext =
        TestPki.directory(dea).crl("us.dea").orElseThrow().getNextUpdate().toInstant();
    accepts(v, c, "us.dea", CertificateRole.NODE_SIGNING, crlNext.minusMillis(1));
    assertThat(refusal(v, c, "us.dea", CertificateRole.NODE_SIGNING, crlNext))
        .isEqualTo(Reason.CERTIFICATE_REVOKED);
  }

  @Test
  void aRememberedCertificate_isRefusedOnceNoAgreementPinsItsCa() {
    TestPki.Agency ice = TestPki.agency("us.ice");
    TestPki.Agency dea = TestPki.agency("us.dea");
    TrustDirectory directory = TestPki.directory(ice, dea);
    String deaCa = directory.caFingerprint("us.dea").orElseThrow();
    AtomicReference<Map<String, Set<String>>> pins =
        new AtomicReference<>(Map.of("us.dea", Set.of(deaCa)));
    CertificateValidator v = new CertificateValidator(directory.pinnedTo(pins::get));
    X509Certificate c = dea.signing("node-1").cert();
    accepts(v, c, "us.dea", CertificateRole.NODE_SIGNING, now);

    pins.set(Map.of("us.dea", Set.of("00".repeat(32)))); // the agreement now names another CA
    assertThat(refusal(v, c, "us.dea", CertificateRole.NODE_SIGNING, now))
        .isEqualTo(Reason.UNKNOWN_AGENCY);
    pins.set(Map.of()); // the agreement ended
    assertThat(refusal(v, c, "us.dea", CertificateRole.NODE_SIGNING, now))
        .isEqualTo(Reason.UNKNOWN_AGENCY);
    pins.set(Map.of("us.dea", Set.of(deaCa)));
    accepts(v, c, "us.dea", CertificateRole.NODE_SIGNING, now);
  }

  @Test
  void aCertificateRememberedForOneRoleAndAgency_isStillCheckedForAnother() {
    TestPki.Agency ice = TestPki.agency("us.ice");
    TestPki.Agency dea = TestPki.agency("us.dea");
    CertificateValidator v = new CertificateValidator(TestPki.directory(ice, dea));
    X509Certificate c = ice.signing("node-1").cert();
    accepts(v, c, "us.ice", CertificateRole.NODE_SIGNING, now);

    assertThat(refusal(v, c, "us.ice", CertificateRole.NODE_ENCRYPTION, now))
        .isEqualTo(Reason.CERTIFICATE_WRONG_ROLE);
    assertThat(refusal(v, c, "us.dea", CertificateRole.NODE_SIGNING, now))
        .isEqualTo(Reason.SIGNER_NOT_OF_SENDER_AGENCY);
  }

  @Test
  void aRefusedCertificate_isNotRemembered_andAnImpostorsTwinIsRefused() {
    TestPki.Agency ice = TestPki.agency("us.ice");
    TestPki.Agency impostor = TestPki.agency("us.ice"); // same names, another key
    CertificateValidator v = new CertificateValidator(TestPki.directory(ice));
    accepts(v, ice.signing("node-1").cert(), "us.ice", CertificateRole.NODE_SIGNING, now);

    X509Certificate forged = impostor.signing("node-1").cert();
    for (int i = 0; i < 2; i++) {
      assertThat(refusal(v, forged, "us.ice", CertificateRole.NODE_SIGNING, now))
          .isEqualTo(Reason.CHAIN_NOT_TO_AGENCY_CA);
    }
  }
}

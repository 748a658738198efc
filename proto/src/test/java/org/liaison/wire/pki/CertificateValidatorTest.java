package org.liaison.wire.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;
import org.liaison.wire.v1.Reason;

class CertificateValidatorTest {

  private static final TestPki.Agency ICE = TestPki.agency("us.ice");
  private static final TestPki.Agency SKR = TestPki.agency("ru.skr");
  private final Instant now = Instant.now();

  private Reason reason(TrustDirectory trust, X509Certificate c, String agency, CertificateRole p) {
    CertificateValidationException e =
        catchThrowableOfType(
            CertificateValidationException.class,
            () -> new CertificateValidator(trust).validate(c, agency, p, now));
    assertThat(e).as("expected a refusal").isNotNull();
    assertThat(e.getMessage()).isNotBlank();
    return e.reason();
  }

  @Test
  void validate_acceptsGoodSigningAndEncryptionCertificates() {
    TrustDirectory trust = TestPki.directory(ICE, SKR);
    CertificateValidator v = new CertificateValidator(trust);
    assertThatCode(
            () -> v.validate(ICE.signing("n").cert(), "us.ice", CertificateRole.NODE_SIGNING, now))
        .doesNotThrowAnyException();
    assertThatCode(
            () ->
                v.validate(
                    ICE.encryption("n").cert(), "us.ice", CertificateRole.NODE_ENCRYPTION, now))
        .doesNotThrowAnyException();
  }

  @Test
  void validate_unknownAgency() {
    TrustDirectory onlyIce = TestPki.directory(ICE);
    assertThat(reason(onlyIce, SKR.signing("n").cert(), "ru.skr", CertificateRole.NODE_SIGNING))
        .isEqualTo(Reason.UNKNOWN_AGENCY);
  }

  @Test
  void validate_agencyNotAllowedByAgreementsIsUnknown() {
    TrustDirectory trust = TestPki.directory(ICE, SKR);
    String iceFp = trust.caFingerprint("us.ice").orElseThrow();
    TrustDirectory restricted = trust.restrictedTo(Map.of("us.ice", iceFp));
    assertThat(reason(restricted, SKR.signing("n").cert(), "ru.skr", CertificateRole.NODE_SIGNING))
        .isEqualTo(Reason.UNKNOWN_AGENCY);
    TrustDirectory wrongFp = trust.restrictedTo(Map.of("us.ice", "00".repeat(32)));
    assertThat(reason(wrongFp, ICE.signing("n").cert(), "us.ice", CertificateRole.NODE_SIGNING))
        .isEqualTo(Reason.UNKNOWN_AGENCY);
    assertThat(restricted.trustedAgencies()).containsExactly("us.ice");
  }

  @Test
  void validate_wrongOrganization() {
    X509Certificate c =
        ICE.issue("n.us.ice signing", "ru.skr", "node", TestPki.SIGNING_USAGE).cert();
    assertThat(reason(TestPki.directory(ICE), c, "us.ice", CertificateRole.NODE_SIGNING))
        .isEqualTo(Reason.SIGNER_NOT_OF_SENDER_AGENCY);
  }

  @Test
  void validate_foreignCa() {
    TestPki.Agency impostor = TestPki.agency("us.ice");
    X509Certificate c = impostor.signing("n").cert();
    assertThat(reason(TestPki.directory(ICE), c, "us.ice", CertificateRole.NODE_SIGNING))
        .isEqualTo(Reason.CHAIN_NOT_TO_AGENCY_CA);
  }

  @Test
  void validate_expiredAndNotYetValid() {
    X509Certificate expired =
        ICE.issue(
                "x",
                "us.ice",
                "node",
                TestPki.SIGNING_USAGE,
                now.minus(Duration.ofDays(10)),
                now.minus(Duration.ofDays(1)))
            .cert();
    X509Certificate future =
        ICE.issue(
                "x",
                "us.ice",
                "node",
                TestPki.SIGNING_USAGE,
                now.plus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(10)))
            .cert();
    TrustDirectory trust = TestPki.directory(ICE);
    assertThat(reason(trust, expired, "us.ice", CertificateRole.NODE_SIGNING))
        .isEqualTo(Reason.CERTIFICATE_EXPIRED);
    assertThat(reason(trust, future, "us.ice", CertificateRole.NODE_SIGNING))
        .isEqualTo(Reason.CERTIFICATE_NOT_YET_VALID);
  }

  @Test
  void validate_wrongRoleOrKeyUsage() {
    TrustDirectory trust = TestPki.directory(ICE);
    assertThat(reason(trust, ICE.encryption("n").cert(), "us.ice", CertificateRole.NODE_SIGNING))
        .isEqualTo(Reason.CERTIFICATE_WRONG_ROLE);
    assertThat(reason(trust, ICE.signing("n").cert(), "us.ice", CertificateRole.NODE_ENCRYPTION))
        .isEqualTo(Reason.CERTIFICATE_WRONG_ROLE);
    X509Certificate certSign = ICE.issue("x", "us.ice", "node", KeyUsage.keyCertSign).cert();
    assertThat(reason(trust, certSign, "us.ice", CertificateRole.NODE_TLS))
        .isEqualTo(Reason.CERTIFICATE_WRONG_ROLE);
  }

  @Test
  void validate_signingNeedsTheNodeSigningRole_notJustTheDigitalSignatureBit() {
    TrustDirectory trust = TestPki.directory(ICE);
    for (X509Certificate c :
        List.of(
            ICE.tls("gateway.us.ice", "gateway").cert(),
            ICE.tls("officer-1", "officer").cert(),
            ICE.tls("node-1.us.ice", "node").cert(),
            ICE.signatory().cert(),
            ICE.issue("no role", "us.ice", "node", TestPki.SIGNING_USAGE).cert())) {
      assertThat(c.getKeyUsage()[0]).isTrue();
      assertThat(reason(trust, c, "us.ice", CertificateRole.NODE_SIGNING))
          .as(c.getSubjectX500Principal().getName())
          .isEqualTo(Reason.CERTIFICATE_WRONG_ROLE);
    }
    X509Certificate signatory = ICE.signatory().cert();
    assertThatCode(
            () ->
                new CertificateValidator(trust)
                    .validate(signatory, "us.ice", CertificateRole.AGENCY_SIGNATORY, now))
        .doesNotThrowAnyException();
  }

  @Test
  void role_withKeyUsageMissing_isNotHeld() {
    X509Certificate c =
        ICE.inRole("x", "node", KeyUsage.keyAgreement, CertificateRole.NODE_SIGNING, "x").cert();
    assertThat(CertificateRole.of(c)).contains(CertificateRole.NODE_SIGNING);
    assertThat(CertificateRole.NODE_SIGNING.isHeldBy(c)).isFalse();
  }

  @Test
  void validate_revokedByCrl() {
    TestPki.Agency fbi = TestPki.agency("us.fbi");
    X509Certificate c = fbi.signing("n").cert();
    fbi.revoke(c);
    assertThat(reason(TestPki.directory(fbi), c, "us.fbi", CertificateRole.NODE_SIGNING))
        .isEqualTo(Reason.CERTIFICATE_REVOKED);
  }

  @Test
  void validate_staleOrForgedCrlFailsClosed() {
    TestPki.Agency dea = TestPki.agency("us.dea");
    X509Certificate c = dea.signing("n").cert();
    TrustDirectory forged =
        TrustDirectory.builder()
            .agency("us.dea", dea.ca, dea.crlSignedBy(TestPki.newKey()))
            .build();
    assertThat(reason(forged, c, "us.dea", CertificateRole.NODE_SIGNING))
        .isEqualTo(Reason.CERTIFICATE_REVOKED);
    dea.crlValidity(now.minus(Duration.ofDays(9)), now.minus(Duration.ofDays(2)));
    assertThat(reason(TestPki.directory(dea), c, "us.dea", CertificateRole.NODE_SIGNING))
        .isEqualTo(Reason.CERTIFICATE_REVOKED);
    TrustDirectory noCrl = TrustDirectory.builder().agency("us.dea", dea.ca, null).build();
    assertThat(reason(noCrl, c, "us.dea", CertificateRole.NODE_SIGNING))
        .isEqualTo(Reason.CERTIFICATE_REVOKED);
  }
}

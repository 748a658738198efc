package org.liaison.wire.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liaison.pem.Pem;
import org.liaison.pki.AgencySpec;
import org.liaison.pki.DevPki;
import org.liaison.wire.v1.Reason;

/**
 * The overlap rules of an agency CA rotation (decision 0039), with real certificates of the
 * development PKI as {@code liaison-pki rotate --ca} writes them: DEA rotates its CA while ICE's
 * view of DEA is pinned by their agreement. Old CA only, both, new only; a CA DEA never announced
 * (no rollover certificate from a pinned CA, or a peer presenting it in its chain) is refused, and
 * after the withdrawal a certificate under the old CA is refused as {@code CA_WITHDRAWN}.
 */
class AgencyCaRotationTest {

  @TempDir Path dir;
  private DevPki pki;
  private X509Certificate oldGateway;
  private X509Certificate oldSigning;
  private String oldCa;

  @BeforeEach
  void pki() {
    pki =
        DevPki.create(
            dir,
            List.of(AgencySpec.withDefaults("us.ice"), AgencySpec.withDefaults("us.dea")),
            Clock.systemUTC());
    oldGateway = cert(pki.gatewayDir("us.dea").resolve("tls.crt.pem"));
    oldSigning = cert(pki.nodeDir("us.dea", "node-1").resolve("signing.crt.pem"));
    oldCa = Certificates.fingerprint(pki.caCertificate("us.dea"));
  }

  @Test
  void oldCaOnly_beforeTheRotation_itsCertificatesAreAccepted() throws IOException {
    TrustDirectory ice = iceView(Set.of(oldCa));
    accepted(ice, oldGateway, CertificateRole.GATEWAY_TLS);
    assertThat(ice.caCertificates("us.dea")).hasSize(1);
  }

  @Test
  void both_afterRotateCa_oldAndReissuedCertificatesAreAccepted_theNewVouchedForByThePinnedOldCa()
      throws IOException {
    X509Certificate newCa = pki.beginCaRotation("us.dea");
    X509Certificate reissued = cert(staged("gateway/tls.crt.pem"));
    assertThat(reissued.getPublicKey()).isEqualTo(oldGateway.getPublicKey());

    TrustDirectory ice = iceView(Set.of(oldCa));
    accepted(ice, oldGateway, CertificateRole.GATEWAY_TLS);
    accepted(ice, reissued, CertificateRole.GATEWAY_TLS);
    assertThat(ice.caCertificates("us.dea")).contains(newCa).hasSize(2);
    assertThat(ice.caFingerprint("us.dea")).contains(oldCa);

    // an agreement re-signed during the overlap naming both CAs trusts both as well
    TrustDirectory both = iceView(Set.of(oldCa, Certificates.fingerprint(newCa)));
    accepted(both, reissued, CertificateRole.GATEWAY_TLS);
    accepted(both, oldSigning, CertificateRole.NODE_SIGNING);

    // the agency's own processes trust both of their CAs
    TrustDirectory own = TrustDirectory.load(pki.directory()).onlyAgency("us.dea");
    accepted(own, oldGateway, CertificateRole.GATEWAY_TLS);
    accepted(own, reissued, CertificateRole.GATEWAY_TLS);
  }

  @Test
  void both_afterTheSwitch_theProcessesHoldTheReissuedCertificates_andTheOldOnesStillCount()
      throws IOException {
    X509Certificate newCa = pki.beginCaRotation("us.dea");
    pki.switchCa("us.dea");
    X509Certificate live = cert(pki.gatewayDir("us.dea").resolve("tls.crt.pem"));
    X509Certificate published =
        cert(pki.directory().resolve("us.dea/nodes/node-1/signing.crt.pem"));
    assertThat(live.getIssuerX500Principal()).isEqualTo(newCa.getSubjectX500Principal());
    assertThat(published.getPublicKey()).isEqualTo(oldSigning.getPublicKey());

    TrustDirectory ice = iceView(Set.of(oldCa));
    accepted(ice, live, CertificateRole.GATEWAY_TLS);
    accepted(ice, published, CertificateRole.NODE_SIGNING);
    accepted(ice, oldGateway, CertificateRole.GATEWAY_TLS);
    assertThat(ice.caFingerprint("us.dea")).contains(Certificates.fingerprint(newCa));
  }

  @Test
  void newOnly_anAgreementNamingOnlyTheNewCa_refusesTheOldCasCertificatesAsNotAnnounced()
      throws IOException {
    X509Certificate newCa = pki.beginCaRotation("us.dea");
    pki.switchCa("us.dea");
    TrustDirectory ice = iceView(Set.of(Certificates.fingerprint(newCa)));
    accepted(
        ice, cert(pki.gatewayDir("us.dea").resolve("tls.crt.pem")), CertificateRole.GATEWAY_TLS);
    assertThat(refusal(ice, oldGateway, CertificateRole.GATEWAY_TLS))
        .isEqualTo(Reason.CA_NOT_ANNOUNCED);
  }

  @Test
  void afterTheWithdrawal_aCertificateUnderTheOldCaIsRefusedAsWithdrawn_theNewOnesStillPass()
      throws IOException {
    pki.beginCaRotation("us.dea");
    pki.switchCa("us.dea");
    X509Certificate withdrawn = pki.withdrawPreviousCa("us.dea");
    assertThat(Certificates.fingerprint(withdrawn)).isEqualTo(oldCa);
    X509Certificate live = cert(pki.gatewayDir("us.dea").resolve("tls.crt.pem"));

    // ICE's agreement still pins the old CA: the rollover certificate carries it to the new one
    TrustDirectory ice = iceView(Set.of(oldCa));
    accepted(ice, live, CertificateRole.GATEWAY_TLS);
    CertificateValidationException e = exception(ice, oldGateway, CertificateRole.GATEWAY_TLS);
    assertThat(e.reason()).isEqualTo(Reason.CA_WITHDRAWN);
    assertThat(e.getMessage()).contains("withdrew", oldCa);
    assertThat(refusal(ice, oldSigning, CertificateRole.NODE_SIGNING))
        .isEqualTo(Reason.CA_WITHDRAWN);
    assertThat(ice.caCertificates("us.dea")).hasSize(1);

    // the TLS trust manager refuses the old gateway certificate with the same reason
    AgencyTrustManager tls = iceGatewayTrust();
    CertificateValidationException handshake =
        catchThrowableOfType(
            CertificateValidationException.class,
            () -> tls.check(new X509Certificate[] {oldGateway, pki.caCertificate("us.dea")}));
    assertThat(handshake.reason()).isEqualTo(Reason.CA_WITHDRAWN);
    assertThatCode(() -> tls.check(new X509Certificate[] {live})).doesNotThrowAnyException();

    // the unrestricted directory and the agency's own view refuse it too
    assertThat(
            refusal(TrustDirectory.load(pki.directory()), oldGateway, CertificateRole.GATEWAY_TLS))
        .isEqualTo(Reason.CA_WITHDRAWN);
    assertThat(
            refusal(
                TrustDirectory.load(pki.directory()).onlyAgency("us.dea"),
                oldGateway,
                CertificateRole.GATEWAY_TLS))
        .isEqualTo(Reason.CA_WITHDRAWN);
  }

  @Test
  void aCaThePartnerNeverAnnounced_isRefused_withoutARolloverFromAPinnedCa() throws IOException {
    X509Certificate newCa = pki.beginCaRotation("us.dea");
    X509Certificate reissued = cert(staged("gateway/tls.crt.pem"));
    try (Stream<Path> files = Files.list(pki.directory().resolve("us.dea"))) {
      for (Path f :
          files.filter(f -> f.getFileName().toString().startsWith("rollover-")).toList()) {
        Files.delete(f); // the new CA is held, but nothing DEA signed under the pinned CA names it
      }
    }
    TrustDirectory ice = iceView(Set.of(oldCa));
    CertificateValidationException e = exception(ice, reissued, CertificateRole.GATEWAY_TLS);
    assertThat(e.reason()).isEqualTo(Reason.CA_NOT_ANNOUNCED);
    assertThat(e.getMessage()).contains(Certificates.fingerprint(newCa));
    accepted(ice, oldGateway, CertificateRole.GATEWAY_TLS);
  }

  @Test
  void aCaSomeoneElseMadeInThePartnersName_isRefused_evenInTheDirectory_orPresentedInTheChain()
      throws IOException {
    DevPki impostor =
        DevPki.create(
            dir.resolve("impostor"), List.of(AgencySpec.withDefaults("us.dea")), Clock.systemUTC());
    X509Certificate impostorCa = impostor.caCertificate("us.dea");
    X509Certificate impostorGateway = cert(impostor.gatewayDir("us.dea").resolve("tls.crt.pem"));
    // a rollover the impostor CA signed for itself proves nothing: the pinned CA did not sign it
    X509Certificate selfRollover = impostorCa;
    Path published = pki.directory().resolve("us.dea");
    Files.write(published.resolve("ca-impostor.crt.pem"), Pem.encode(impostorCa));
    Files.write(published.resolve("rollover-impostor.crt.pem"), Pem.encode(selfRollover));

    TrustDirectory ice = iceView(Set.of(oldCa));
    assertThat(refusal(ice, impostorGateway, CertificateRole.GATEWAY_TLS))
        .isEqualTo(Reason.CA_NOT_ANNOUNCED);
    AgencyTrustManager tls = iceGatewayTrust();
    CertificateValidationException e =
        catchThrowableOfType(
            CertificateValidationException.class,
            () -> tls.check(new X509Certificate[] {impostorGateway, impostorCa}));
    assertThat(e.reason()).isEqualTo(Reason.CA_NOT_ANNOUNCED);
    assertThat(tls.getAcceptedIssuers()).doesNotContain(impostorCa);
  }

  private TrustDirectory iceView(Set<String> deaPins) throws IOException {
    String ice = Certificates.fingerprint(pki.caCertificate("us.ice"));
    return TrustDirectory.load(pki.directory())
        .pinnedTo(() -> Map.of("us.ice", Set.of(ice), "us.dea", deaPins));
  }

  /** ICE's gateway's TLS trust for DEA's gateway, pinned to DEA's old CA by their agreement. */
  private AgencyTrustManager iceGatewayTrust() throws IOException {
    return AgencyTrustManager.pinned(
        TrustDirectory.load(pki.directory()),
        () -> Map.of("us.dea", Set.of(oldCa)),
        CertificateRole.GATEWAY_TLS,
        Clock.systemUTC());
  }

  private Path staged(String relative) {
    return dir.resolve("ca-rotation/us.dea").resolve(relative);
  }

  private void accepted(TrustDirectory trust, X509Certificate cert, CertificateRole role) {
    assertThatCode(
            () -> new CertificateValidator(trust).validate(cert, "us.dea", role, Instant.now()))
        .as(cert.getSubjectX500Principal() + " issued by " + cert.getIssuerX500Principal())
        .doesNotThrowAnyException();
  }

  private Reason refusal(TrustDirectory trust, X509Certificate cert, CertificateRole role) {
    return exception(trust, cert, role).reason();
  }

  private CertificateValidationException exception(
      TrustDirectory trust, X509Certificate cert, CertificateRole role) {
    CertificateValidationException e =
        catchThrowableOfType(
            CertificateValidationException.class,
            () -> new CertificateValidator(trust).validate(cert, "us.dea", role, Instant.now()));
    assertThat(e).as("refused: " + cert.getSubjectX500Principal()).isNotNull();
    return e;
  }

  private static X509Certificate cert(Path file) {
    try {
      return Pem.readCertificate(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}

package org.liaison.wire.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.liaison.wire.v1.Reason;

class AgencyTrustManagerTest {

  private final TestPki.Agency ice = TestPki.agency("us.ice");
  private final TestPki.Agency skr = TestPki.agency("ru.skr");
  private final TrustDirectory directory = TestPki.directory(ice, skr);
  private final Map<String, String> inForce = new HashMap<>();
  private final AgencyTrustManager tm =
      AgencyTrustManager.create(
          directory, () -> Map.copyOf(inForce), CertificateRole.GATEWAY_TLS, Clock.systemUTC());

  private Reason refused(X509Certificate c) {
    CertificateValidationException e =
        catchThrowableOfType(
            CertificateValidationException.class,
            () -> tm.checkClientTrusted(new X509Certificate[] {c}, "ECDHE_ECDSA"));
    assertThat(e).isNotNull();
    return e.reason();
  }

  @Test
  void check_followsAgreementsInForce() {
    X509Certificate gw = skr.tls("gateway.ru.skr", "gateway").cert();
    assertThat(refused(gw)).isEqualTo(Reason.UNKNOWN_AGENCY);
    inForce.put("ru.skr", directory.caFingerprint("ru.skr").orElseThrow());
    assertThatCode(() -> tm.checkServerTrusted(new X509Certificate[] {gw}, "ECDHE_ECDSA"))
        .doesNotThrowAnyException();
    assertThat(tm.getAcceptedIssuers()).containsExactly(skr.ca);
    inForce.clear();
    assertThat(refused(gw)).isEqualTo(Reason.UNKNOWN_AGENCY);
  }

  @Test
  void check_refusesOtherRolesForeignCaAndRevoked() throws Exception {
    inForce.put("ru.skr", directory.caFingerprint("ru.skr").orElseThrow());
    assertThat(refused(skr.tls("node-1.ru.skr", "node").cert()))
        .isEqualTo(Reason.TLS_PEER_WRONG_ROLE);
    assertThat(refused(skr.tls("officer-1", "officer").cert()))
        .isEqualTo(Reason.TLS_PEER_WRONG_ROLE);
    assertThat(refused(TestPki.agency("ru.skr").tls("gateway.ru.skr", "gateway").cert()))
        .isEqualTo(Reason.CHAIN_NOT_TO_AGENCY_CA);
    X509Certificate revoked = skr.tls("gateway.ru.skr", "gateway").cert();
    skr.revoke(revoked);
    AgencyTrustManager fresh =
        AgencyTrustManager.create(
            TestPki.directory(ice, skr),
            () -> Map.copyOf(inForce),
            CertificateRole.GATEWAY_TLS,
            Clock.systemUTC());
    CertificateValidationException e =
        catchThrowableOfType(
            CertificateValidationException.class,
            () -> fresh.checkClientTrusted(new X509Certificate[] {revoked}, "ECDHE_ECDSA"));
    assertThat(e.reason()).isEqualTo(Reason.CERTIFICATE_REVOKED);
  }

  @Test
  void expecting_refusesTheGatewayOfAnotherPartner() {
    inForce.put("ru.skr", directory.caFingerprint("ru.skr").orElseThrow());
    inForce.put("us.ice", directory.caFingerprint("us.ice").orElseThrow());
    X509Certificate skrGateway = skr.tls("gateway.ru.skr", "gateway").cert();
    CertificateValidationException e =
        catchThrowableOfType(
            CertificateValidationException.class,
            () ->
                tm.expecting("us.ice")
                    .checkServerTrusted(new X509Certificate[] {skrGateway}, "ECDHE_ECDSA"));
    assertThat(e.reason()).isEqualTo(Reason.TLS_PEER_WRONG_ROLE);
    assertThatCode(
            () ->
                tm.expecting("ru.skr")
                    .checkServerTrusted(new X509Certificate[] {skrGateway}, "ECDHE_ECDSA"))
        .doesNotThrowAnyException();
  }

  @Test
  void check_followsTheDirectoryWhenItIsReplaced() throws Exception {
    inForce.put("ru.skr", directory.caFingerprint("ru.skr").orElseThrow());
    X509Certificate gw = skr.tls("gateway.ru.skr", "gateway").cert();
    assertThatCode(() -> tm.checkClientTrusted(new X509Certificate[] {gw}, "ECDHE_ECDSA"))
        .doesNotThrowAnyException();
    skr.revoke(gw);
    directory.replaceWith(TestPki.directory(ice, skr));
    assertThat(refused(gw)).isEqualTo(Reason.CERTIFICATE_REVOKED);
  }
}

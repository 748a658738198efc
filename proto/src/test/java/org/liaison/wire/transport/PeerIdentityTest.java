package org.liaison.wire.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;
import org.liaison.wire.pki.TestPki;

/** A TLS peer's identity, read from the facts of its certificate (decision 0069). */
class PeerIdentityTest {

  private static final TestPki.Agency ICE = TestPki.agency("us.ice");

  @Test
  void agencyKindAndName_comeFromSubjectOAndOuAndTheLiaisonUri() {
    PeerIdentity gateway = PeerIdentity.of(ICE.tls("gateway-1", "gateway").cert());
    assertThat(gateway.agency()).isEqualTo("us.ice");
    assertThat(gateway.kind()).isEqualTo("gateway");
    assertThat(gateway.name()).isEqualTo("gateway-1");
    assertThat(gateway).hasToString("gateway gateway-1 of us.ice");

    PeerIdentity officer = PeerIdentity.of(ICE.tls("officer-7", "officer").cert());
    assertThat(officer.kind()).isEqualTo("officer");
    assertThat(officer.name()).isEqualTo("officer-7");
  }

  @Test
  void withoutALiaisonUri_theNameIsTheSubject() {
    X509Certificate plain = ICE.issue("plain", "us.ice", "node", TestPki.SIGNING_USAGE).cert();
    PeerIdentity peer = PeerIdentity.of(plain);
    assertThat(peer.kind()).isEqualTo("node");
    assertThat(peer.name()).isEqualTo(plain.getSubjectX500Principal().getName());
  }
}

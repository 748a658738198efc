package org.liaison.wire.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.liaison.wire.pki.NodeCredentials;
import org.liaison.wire.pki.TestPki;
import org.liaison.wire.v1.SignedAuditCheckpoint;

/** Rule 1: a checkpoint verifies only under a node signing certificate. */
class AuditCheckpointsTest {
  private final TestPki.Agency dea = TestPki.agency("us.dea");
  private final byte[] root = new byte[32];

  @Test
  void nodeSigningKey_verifies() throws Exception {
    NodeCredentials node = dea.node("node-1");
    SignedAuditCheckpoint c =
        AuditCheckpoints.sign(
            node.signingKey(), node.signingCertificate(), "us.dea", "node-1", 7, root, 1L);
    assertThat(AuditCheckpoints.verify(c, node.signingCertificate())).isPresent();
  }

  @Test
  void gatewayOfficerOrSignatoryKey_doesNotVerify() throws Exception {
    for (TestPki.Issued other :
        java.util.List.of(
            dea.tls("gateway.us.dea", "gateway"),
            dea.tls("officer-1", "officer"),
            dea.signatory())) {
      SignedAuditCheckpoint c =
          AuditCheckpoints.sign(
              other.key().getPrivate(), other.cert(), "us.dea", "node-1", 7, root, 1L);
      assertThat(AuditCheckpoints.verify(c, other.cert()))
          .as(other.cert().getSubjectX500Principal().getName())
          .isEmpty();
    }
  }
}

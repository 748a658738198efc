package org.liaison.node.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.quarkus.grpc.GrpcService;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liaison.node.runtime.RecordedCall;
import org.liaison.wire.audit.AuditCheckpoints;
import org.liaison.wire.envelope.EnvelopeSealer;
import org.liaison.wire.merkle.MerkleTree;
import org.liaison.wire.pki.Certificates;
import org.liaison.wire.pki.NodeCredentials;
import org.liaison.wire.v1.AuditConsistencyAnswer;
import org.liaison.wire.v1.AuditConsistencyRequest;
import org.liaison.wire.v1.AuditFindings;
import org.liaison.wire.v1.ConsistencyProof;
import org.liaison.wire.v1.Envelope;
import org.liaison.wire.v1.SignedAuditCheckpoint;
import org.liaison.wire.v1.WitnessedCheckpoint;

/**
 * us.dea keeps two histories and shows one to us.ice and the other to us.cbp. us.ice (the node
 * under test) learns what us.cbp saw through gossip in a consistency request, and detects the fork:
 * at once when both checkpoints cover the same size, through a failing consistency proof when they
 * do not.
 */
@QuarkusTest
@TestProfile(AuditFederation.class)
class SplitViewTest {
  static final String CONSISTENCY = AuditConsistencyRequest.getDescriptor().getFullName();

  @Inject AuditTables tables;
  @Inject PartnerHistory history;
  @Inject PartnerConsistency consistency;
  @Inject @GrpcService AuditService service;

  private NodeCredentials dea;

  @BeforeEach
  void setUp() throws Exception {
    tables.clear();
    dea = AuditFederation.partner("us.dea");
  }

  /** One of DEA's histories: leaves derived from a label, so two labels fork from the start. */
  private static List<byte[]> history(String label, int n) {
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(MerkleTree.leafHash((label + i).getBytes()));
    }
    return out;
  }

  private SignedAuditCheckpoint signed(List<byte[]> leaves) throws Exception {
    return AuditCheckpoints.sign(
        dea.signingKey(),
        dea.signingCertificate(),
        "us.dea",
        "node-1",
        leaves.size(),
        MerkleTree.root(leaves),
        System.currentTimeMillis());
  }

  private WitnessedCheckpoint witnessed(SignedAuditCheckpoint c) {
    return WitnessedCheckpoint.newBuilder()
        .setCheckpoint(c)
        .setSignerCertificate(ByteString.copyFrom(Certificates.der(dea.signingCertificate())))
        .build();
  }

  /** DEA talks to us.ice with history A in its envelope headers. */
  private void deaTalksToIce(SignedAuditCheckpoint shownToIce) throws Exception {
    EnvelopeSealer sealer = AuditFederation.sealer("us.dea");
    sealer.auditCheckpoints(shownToIce::toByteArray);
    RecordedCall<Envelope> d = new RecordedCall<>();
    tables
        .federation()
        .deliver(
            sealer.seal(
                AuditFederation.requestTo("us.dea", CONSISTENCY, PartnerConsistency.PURPOSE),
                AuditConsistencyRequest.getDefaultInstance().toByteArray()),
            d);
    assertThat(d.error()).isNull();
  }

  /** us.cbp asks us.ice for a consistency proof and passes on what it holds of DEA. */
  private void cbpGossipsToIce(SignedAuditCheckpoint shownToCbp) throws Exception {
    RecordedCall<Envelope> d = new RecordedCall<>();
    tables
        .federation()
        .deliver(
            AuditFederation.sealer("us.cbp")
                .seal(
                    AuditFederation.requestTo("us.cbp", CONSISTENCY, PartnerConsistency.PURPOSE),
                    AuditConsistencyRequest.newBuilder()
                        .addWitnessed(witnessed(shownToCbp))
                        .build()
                        .toByteArray()),
            d);
    assertThat(d.error()).isNull();
  }

  @Test
  void sameSizeDifferentRoots_isAFindingAsSoonAsTheGossipArrives() throws Exception {
    deaTalksToIce(signed(history("A", 5)));
    assertThat(service.findings().getFindingsList()).isEmpty();

    cbpGossipsToIce(signed(history("B", 5)));

    AuditFindings f = service.findings();
    assertThat(f.getFindingsList()).hasSize(1);
    assertThat(f.getFindings(0).getKind()).isEqualTo("PARTNER_HISTORY_INCONSISTENT");
    assertThat(f.getFindings(0).getPartnerAgency()).isEqualTo("us.dea");
    assertThat(f.getFindings(0).getDetail()).contains("different roots").contains("us.cbp");
    assertThat(f.getFindings(0).hasFirst()).isTrue();
    assertThat(f.getFindings(0).hasSecond()).isTrue();
  }

  @Test
  void differentSizes_theForkedNodeCannotProveBothHistories() throws Exception {
    List<byte[]> a = history("A", 5);
    List<byte[]> b = history("B", 8);
    deaTalksToIce(signed(a));
    cbpGossipsToIce(signed(b.subList(0, 7)));
    assertThat(service.findings().getFindingsList()).isEmpty();

    // us.ice asks DEA to prove sizes 5 and 7; DEA answers from history B (size 8), as it must
    AuditConsistencyRequest asked = consistency.request("us.dea");
    assertThat(asked.getSizesList()).containsExactly(5L, 7L);
    String outcome = consistency.accept("us.dea", asked.getSizesList(), answerFrom(b, asked));

    assertThat(outcome).contains("PARTNER_HISTORY_INCONSISTENT");
    AuditFindings f = service.findings();
    assertThat(f.getFindingsList()).hasSize(1);
    assertThat(f.getFindings(0).getDetail()).contains("does not extend the one of 5 entries");
  }

  @Test
  void honestPartner_provesEveryHeldCheckpoint_andNoFindingIsRaised() throws Exception {
    List<byte[]> log = history("A", 9);
    deaTalksToIce(signed(log.subList(0, 4)));
    cbpGossipsToIce(signed(log.subList(0, 6)));
    AuditConsistencyRequest asked = consistency.request("us.dea");
    String outcome = consistency.accept("us.dea", asked.getSizesList(), answerFrom(log, asked));
    assertThat(outcome).contains("consistent up to 9 entries");
    assertThat(service.findings().getFindingsList()).isEmpty();
    assertThat(history.held("us.dea")).allMatch(p -> p.provenTo != null && p.provenTo == 9);
    // proven checkpoints are not asked about again
    assertThat(consistency.request("us.dea").getSizesList()).isEmpty();
  }

  @Test
  void rolledBackLog_isAFinding() throws Exception {
    List<byte[]> log = history("A", 9);
    for (int size = 7; size <= 9; size++) {
      deaTalksToIce(signed(log.subList(0, size)));
    }
    AuditConsistencyRequest asked = consistency.request("us.dea");
    String outcome =
        consistency.accept("us.dea", asked.getSizesList(), answerFrom(log.subList(0, 6), asked));
    assertThat(outcome).contains("PARTNER_HISTORY_INCONSISTENT");
    long beyond = asked.getSizesList().stream().filter(size -> size > 6).count();
    assertThat(beyond).as("three checkpoints held are beyond the restored log").isEqualTo(3);
    AuditFindings f = service.findings();
    assertThat(f.getFindingsList()).as("one finding for the roll-back, not one each").hasSize(1);
    assertThat(f.getFindings(0).getDetail())
        .contains("signed a checkpoint of 9 entries but now has 6: its log was rolled back")
        .contains(beyond + " checkpoints held");
    // the disputed checkpoints are not asked about, nor reported, again
    AuditConsistencyRequest again = consistency.request("us.dea");
    assertThat(again.getSizesList()).allMatch(size -> size <= 6);
    consistency.accept("us.dea", again.getSizesList(), answerFrom(log.subList(0, 6), again));
    assertThat(service.findings().getFindingsList()).hasSize(1);
  }

  /** What DEA's node answers when its log is {@code leaves}. */
  private AuditConsistencyAnswer answerFrom(List<byte[]> leaves, AuditConsistencyRequest r)
      throws Exception {
    AuditConsistencyAnswer.Builder a =
        AuditConsistencyAnswer.newBuilder().setCurrent(witnessed(signed(leaves)));
    for (long m : r.getSizesList()) {
      ConsistencyProof.Builder p =
          ConsistencyProof.newBuilder().setFirstSize(m).setSecondSize(leaves.size());
      if (m < leaves.size()) {
        MerkleTree.consistencyProof(leaves, (int) m)
            .forEach(h -> p.addHashes(ByteString.copyFrom(h)));
      }
      a.addProofs(p);
    }
    return a.build();
  }
}

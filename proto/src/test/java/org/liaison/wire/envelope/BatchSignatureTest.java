package org.liaison.wire.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.liaison.wire.envelope.Refused.reason;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.liaison.wire.pki.NodeCredentials;
import org.liaison.wire.v1.BatchSignature;
import org.liaison.wire.v1.Envelope;
import org.liaison.wire.v1.Reason;

/**
 * One ECDSA signature over the Merkle root of a batch: each member still verifies on its own with
 * its audit path, and only in its own batch at its own position.
 */
class BatchSignatureTest {

  private final TwoAgencies f = new TwoAgencies();

  private static EnvelopeSealer.Outgoing message(String node, String text) {
    return new EnvelopeSealer.Outgoing(
        new SealRequest(
            "ru.skr",
            node,
            "ice-skr-2010",
            "HUMAN_TRAFFICKING",
            "ICE-2024-0042",
            "officer-7",
            "liaison.v1.QueryRequest",
            Duration.ofMinutes(5),
            null),
        text.getBytes(StandardCharsets.UTF_8));
  }

  private List<Envelope> batch(int n, String tag) throws WireException {
    List<EnvelopeSealer.Outgoing> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(message("node-1", tag + i));
    }
    return f.iceSealer().sealBatch(out);
  }

  private static Envelope withBatch(Envelope e, UnaryOperator<BatchSignature.Builder> change) {
    BatchSignature.Builder b = e.getSignature().getBatch().toBuilder();
    return e.toBuilder()
        .setSignature(e.getSignature().toBuilder().setBatch(change.apply(b)))
        .build();
  }

  @Test
  void everyMemberVerifiesOnItsOwn_atAGatewayThatSawNoOtherMember() throws Exception {
    for (int n : new int[] {1, 2, 3, 5, 8, 13}) {
      List<Envelope> sent = batch(n, "q");
      assertThat(sent).hasSize(n);
      ByteString rootSignature = sent.get(0).getSignature().getBatch().getRootSignature();
      for (int i = 0; i < n; i++) {
        BatchSignature b = sent.get(i).getSignature().getBatch();
        assertThat(b.getRootSignature()).isEqualTo(rootSignature);
        assertThat(b.getLeafIndex()).isEqualTo(i);
        assertThat(b.getTreeSize()).isEqualTo(n);
        VerifiedEnvelope v = f.skrGateway().verify(sent.get(i));
        assertThat(v.header().getSenderAgency()).isEqualTo("us.ice");
      }
      // The node opens them in reverse order, each with its own fresh opener too.
      for (int i = n - 1; i >= 0; i--) {
        assertThat(f.skrOpener().open(sent.get(i)).payload())
            .isEqualTo(("q" + i).getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  @Test
  void oneBatch_mayGoToSeveralNodes_eachOpensOnlyItsOwn() throws Exception {
    List<Envelope> sent =
        f.iceSealer()
            .sealBatch(
                List.of(
                    message("node-1", "to one"),
                    message("node-2", "to two"),
                    message("node-1", "to one again")));
    NodeCredentials two = f.skrNode2;
    EnvelopeOpener node2 = EnvelopeOpener.builder(two, f.directory()).clock(f.clock).build();
    EnvelopeOpener node1 = f.skrOpener();
    EnvelopeVerifier gateway = f.skrGateway();
    for (Envelope e : sent) {
      gateway.verify(e);
    }
    assertThat(new String(node2.open(sent.get(1)).payload(), StandardCharsets.UTF_8))
        .isEqualTo("to two");
    assertThat(reason(() -> node2.open(sent.get(0)))).isEqualTo(Reason.WRONG_RECIPIENT);
    assertThat(new String(node1.open(sent.get(2)).payload(), StandardCharsets.UTF_8))
        .isEqualTo("to one again");
    assertThat(reason(() -> node1.open(sent.get(1)))).isEqualTo(Reason.WRONG_RECIPIENT);
  }

  @Test
  void aMemberMovedIntoAnotherBatch_isRefused() throws Exception {
    List<Envelope> a = batch(4, "a");
    List<Envelope> b = batch(4, "b");
    Envelope moved = a.get(2).toBuilder().setSignature(b.get(2).getSignature()).build();
    Envelope foreignRoot =
        withBatch(
            a.get(2),
            s -> s.setRootSignature(b.get(2).getSignature().getBatch().getRootSignature()));
    for (Envelope e : List.of(moved, foreignRoot)) {
      assertThat(reason(() -> f.skrGateway().verify(e))).isEqualTo(Reason.SIGNATURE_INVALID);
      assertThat(reason(() -> f.skrOpener().open(e))).isEqualTo(Reason.SIGNATURE_INVALID);
    }
    // Also at a gateway that has verified both batches' roots already.
    EnvelopeVerifier warm = f.skrGateway();
    warm.verify(a.get(0));
    warm.verify(b.get(0));
    assertThat(reason(() -> warm.verify(moved))).isEqualTo(Reason.SIGNATURE_INVALID);
    assertThat(reason(() -> warm.verify(foreignRoot))).isEqualTo(Reason.SIGNATURE_INVALID);
  }

  @Test
  void aWrongAuditPathIndexOrSize_isRefused_withColdOrWarmRootCache() throws Exception {
    List<Envelope> sent = batch(6, "q");
    Envelope m = sent.get(4); // index 4 of 6: a path of two hashes
    BatchSignature b = m.getSignature().getBatch();
    assertThat(b.getAuditPathCount()).isEqualTo(2);
    List<Envelope> wrong = new ArrayList<>();
    byte[] flipped = b.getAuditPath(0).toByteArray();
    flipped[7] ^= 0x10;
    wrong.add(withBatch(m, s -> s.setAuditPath(0, ByteString.copyFrom(flipped))));
    wrong.add(withBatch(m, s -> s.clearAuditPath().addAuditPath(b.getAuditPath(0))));
    wrong.add(withBatch(m, s -> s.addAuditPath(b.getAuditPath(0))));
    wrong.add(
        withBatch(
            m,
            s ->
                s.clearAuditPath()
                    .addAuditPath(b.getAuditPath(1))
                    .addAuditPath(b.getAuditPath(0))));
    wrong.add(withBatch(m, s -> s.setAuditPath(0, b.getAuditPath(0).substring(1))));
    wrong.add(withBatch(m, s -> s.setLeafIndex(5)));
    wrong.add(withBatch(m, s -> s.setLeafIndex(6)));
    wrong.add(withBatch(m, s -> s.setTreeSize(5)));
    wrong.add(withBatch(m, s -> s.setTreeSize(7)));
    wrong.add(withBatch(m, s -> s.setTreeSize(0).setLeafIndex(0).clearAuditPath()));
    // Another member's path with this member's content.
    wrong.add(m.toBuilder().setSignature(sent.get(5).getSignature()).build());
    byte[] sig = b.getRootSignature().toByteArray();
    sig[sig.length - 1] ^= 1;
    wrong.add(withBatch(m, s -> s.setRootSignature(ByteString.copyFrom(sig))));

    EnvelopeVerifier warm = f.skrGateway();
    warm.verify(sent.get(0));
    for (int i = 0; i < wrong.size(); i++) {
      Envelope e = wrong.get(i);
      assertThat(reason(() -> f.skrGateway().verify(e)))
          .as("case %d, cold", i)
          .isEqualTo(Reason.SIGNATURE_INVALID);
      assertThat(reason(() -> warm.verify(e)))
          .as("case %d, warm", i)
          .isEqualTo(Reason.SIGNATURE_INVALID);
    }
    assertThat(warm.verify(m).header().getMessageId())
        .isEqualTo(TwoAgencies.header(m).getMessageId());
  }

  @Test
  void aBatchSignatureDoesNotVerifyAsASingleOne_norTheReverse() throws Exception {
    Envelope member = batch(1, "q").get(0);
    Envelope asSingle =
        member.toBuilder()
            .setSignature(
                member.getSignature().toBuilder()
                    .setSingle(member.getSignature().getBatch().getRootSignature()))
            .build();
    assertThat(reason(() -> f.skrGateway().verify(asSingle))).isEqualTo(Reason.SIGNATURE_INVALID);

    Envelope single = f.iceSealer().seal(TwoAgencies.toSkr("q"), new byte[] {1});
    Envelope asBatch =
        single.toBuilder()
            .setSignature(
                single.getSignature().toBuilder()
                    .setBatch(
                        BatchSignature.newBuilder()
                            .setRootSignature(single.getSignature().getSingle())
                            .setLeafIndex(0)
                            .setTreeSize(1)))
            .build();
    assertThat(reason(() -> f.skrGateway().verify(asBatch))).isEqualTo(Reason.SIGNATURE_INVALID);
  }
}

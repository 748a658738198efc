package org.liaison.wire.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.liaison.wire.envelope.Refused.reason;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.liaison.wire.pki.NodeCredentials;
import org.liaison.wire.pki.TestPki;
import org.liaison.wire.pki.TrustDirectory;
import org.liaison.wire.v1.BatchSignature;
import org.liaison.wire.v1.Envelope;
import org.liaison.wire.v1.Reason;

/**
 * Envelopes of concurrent callers share one batch signature (decision 0064), with real keys and
 * every envelope verified by a gateway and opened by the recipient node.
 */
@Timeout(120)
class GroupSealerTest {

  private final TwoAgencies f = new TwoAgencies();
  private final ExecutorService callers = Executors.newFixedThreadPool(16);

  @AfterEach
  void stop() {
    callers.shutdownNow();
  }

  private static byte[] text(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static BatchSignature batchOf(Envelope e) {
    return e.getSignature().getBatch();
  }

  /** Signs for real, but the first batch waits until {@code release} opens. */
  private static final class HeldFirstBatch implements GroupSealer.BatchSigning {
    final EnvelopeSealer sealer;
    final CountDownLatch signingFirst = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicInteger batches = new AtomicInteger();

    HeldFirstBatch(EnvelopeSealer sealer) {
      this.sealer = sealer;
    }

    @Override
    public List<Envelope> sign(List<EnvelopeSealer.Prepared> batch) throws WireException {
      if (batches.getAndIncrement() == 0) {
        signingFirst.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      }
      return sealer.signBatch(batch);
    }
  }

  /** A group sealer whose first batch (one "first" message) is being signed and held. */
  private record Held(
      EnvelopeSealer sealer, HeldFirstBatch signing, GroupSealer group, Future<Envelope> first) {
    void release() {
      signing.release.countDown();
    }
  }

  private Held firstBatchHeld(int maxBatch) throws Exception {
    return firstBatchHeld(f.iceSealer(), maxBatch);
  }

  private Held firstBatchHeld(EnvelopeSealer sealer, int maxBatch) throws Exception {
    HeldFirstBatch signing = new HeldFirstBatch(sealer);
    GroupSealer group = new GroupSealer(sealer, signing, maxBatch);
    Future<Envelope> first = sealLater(group, "first");
    signing.signingFirst.await();
    return new Held(sealer, signing, group, first);
  }

  private Future<Envelope> sealLater(GroupSealer group, String payload) {
    return sealLater(group, TwoAgencies.toSkr("q"), payload);
  }

  private Future<Envelope> sealLater(GroupSealer group, SealRequest request, String payload) {
    return callers.submit(() -> group.seal(request, text(payload)));
  }

  /** Starts {@code n} callers and returns once all of them are queued behind the held batch. */
  private List<Future<Envelope>> queued(GroupSealer group, String tag, int n) throws Exception {
    int before = group.waiting();
    List<Future<Envelope>> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(sealLater(group, tag + i));
    }
    while (group.waiting() < before + n) {
      Thread.sleep(1);
    }
    return out;
  }

  private void verifiesAndOpens(List<Envelope> sent, List<String> payloads) throws Exception {
    EnvelopeVerifier gateway = f.skrGateway();
    EnvelopeOpener node = f.skrOpener();
    for (int i = 0; i < sent.size(); i++) {
      gateway.verify(sent.get(i));
      assertThat(node.open(sent.get(i)).payload()).isEqualTo(text(payloads.get(i)));
    }
  }

  @Test
  void aLoneCaller_signsAtOnce_aloneInItsBatch() throws Exception {
    GroupSealer group = new GroupSealer(f.iceSealer(), 64);
    Envelope e = group.seal(TwoAgencies.toSkr("q"), text("alone"));
    assertThat(batchOf(e).getTreeSize()).isEqualTo(1);
    assertThat(batchOf(e).getAuditPathCount()).isZero();
    verifiesAndOpens(List.of(e), List.of("alone"));
  }

  @Test
  void callersArrivingWhileASignatureIsComputed_shareTheNextOne() throws Exception {
    Held held = firstBatchHeld(64);
    List<Future<Envelope>> next = queued(held.group(), "next", 5);
    held.release();

    assertThat(batchOf(held.first().get()).getTreeSize()).isEqualTo(1);
    List<Envelope> sent = new ArrayList<>();
    List<String> payloads = new ArrayList<>();
    Set<Long> positions = new HashSet<>();
    for (int i = 0; i < next.size(); i++) {
      Envelope e = next.get(i).get();
      assertThat(batchOf(e).getTreeSize()).isEqualTo(5);
      assertThat(batchOf(e).getRootSignature())
          .isEqualTo(batchOf(next.get(0).get()).getRootSignature());
      positions.add(batchOf(e).getLeafIndex());
      sent.add(e);
      payloads.add("next" + i);
    }
    assertThat(positions).containsExactlyInAnyOrder(0L, 1L, 2L, 3L, 4L);
    assertThat(held.signing().batches.get()).isEqualTo(2);
    sent.add(held.first().get());
    payloads.add("first");
    verifiesAndOpens(sent, payloads);
  }

  @Test
  void aBatchHoldsAtMostMaxBatch_theRestFormTheNextOnes() throws Exception {
    Held held = firstBatchHeld(4);
    List<Future<Envelope>> next = queued(held.group(), "next", 10);
    held.release();

    List<Integer> sizes = new ArrayList<>();
    Set<ByteString> signatures = new HashSet<>();
    List<Envelope> sent = new ArrayList<>();
    List<String> payloads = new ArrayList<>();
    for (int i = 0; i < next.size(); i++) {
      Envelope e = next.get(i).get();
      if (signatures.add(batchOf(e).getRootSignature())) {
        sizes.add((int) batchOf(e).getTreeSize());
      }
      sent.add(e);
      payloads.add("next" + i);
    }
    assertThat(batchOf(held.first().get()).getTreeSize()).isEqualTo(1);
    assertThat(sizes).containsExactlyInAnyOrder(4, 4, 2);
    assertThat(held.signing().batches.get()).isEqualTo(4);
    verifiesAndOpens(sent, payloads);
  }

  @Test
  void aFailedSignature_failsEveryCallerOfItsBatch_withItsCause_andTheNextBatchSigns()
      throws Exception {
    EnvelopeSealer sealer = f.iceSealer();
    HeldFirstBatch held = new HeldFirstBatch(sealer);
    AtomicInteger batches = new AtomicInteger();
    GroupSealer group =
        new GroupSealer(
            sealer,
            batch -> {
              if (batches.getAndIncrement() == 1) {
                throw new WireException(Reason.INTERNAL, "The signing key is unusable.");
              }
              return held.sign(batch);
            },
            64);
    Future<Envelope> first = sealLater(group, "first");
    held.signingFirst.await();
    List<Future<Envelope>> failing = queued(group, "next", 4);
    held.release.countDown();
    assertThat(batchOf(first.get()).getTreeSize()).isEqualTo(1);
    for (Future<Envelope> e : failing) {
      assertThatThrownBy(e::get)
          .cause()
          .isInstanceOf(WireException.class)
          .hasMessage("The signing key is unusable.")
          .satisfies(x -> assertThat(((WireException) x).reason()).isEqualTo(Reason.INTERNAL));
    }
    // the sealer keeps working after a failed batch
    assertThat(batchOf(group.seal(TwoAgencies.toSkr("q"), text("after"))).getTreeSize())
        .isEqualTo(1);
  }

  @Test
  void aRefusedMessage_failsOnlyItsOwnCaller() throws Exception {
    Held held = firstBatchHeld(64);
    List<Future<Envelope>> next = queued(held.group(), "next", 2);
    SealRequest untrusted =
        SealRequest.request(
            "xx.nobody", "node-1", "none", "NONE", "C-1", "officer-7", "q", Duration.ofMinutes(1));
    assertThat(reason(() -> held.group().seal(untrusted, text("x"))))
        .isEqualTo(Reason.UNKNOWN_AGENCY);
    held.release();
    List<Envelope> sent = List.of(next.get(0).get(), next.get(1).get());
    assertThat(batchOf(sent.get(0)).getTreeSize()).isEqualTo(2);
    verifiesAndOpens(sent, List.of("next0", "next1"));
    assertThat(held.first().get()).isNotNull();
  }

  @Test
  void aRotationWhileMessagesWait_signsEachUnderTheKeyItsHeaderNames() throws Exception {
    Held held = firstBatchHeld(64);
    List<Future<Envelope>> old = queued(held.group(), "old", 2);
    NodeCredentials rotated = f.ice.node("node-1");
    held.sealer().signWith(rotated);
    List<Future<Envelope>> renewed = queued(held.group(), "new", 2);
    held.release();

    List<Envelope> sent = new ArrayList<>();
    for (Future<Envelope> e : old) {
      sent.add(e.get());
    }
    for (Future<Envelope> e : renewed) {
      sent.add(e.get());
    }
    assertThat(batchOf(sent.get(0)).getRootSignature())
        .isEqualTo(batchOf(sent.get(1)).getRootSignature())
        .isNotEqualTo(batchOf(sent.get(2)).getRootSignature());
    assertThat(batchOf(sent.get(2)).getTreeSize()).isEqualTo(2);
    assertThat(sent.get(2).getSignature().getSignerCertificate())
        .isEqualTo(ByteString.copyFrom(rotated.signingCertificate().getEncoded()))
        .isNotEqualTo(sent.get(0).getSignature().getSignerCertificate());
    verifiesAndOpens(sent, List.of("old0", "old1", "new0", "new1"));
    assertThat(held.first().get()).isNotNull();
  }

  @Test
  void aBatchHoldsEnvelopesToOneAgencyOnly() throws Exception {
    TestPki.Agency bka = TestPki.agency("de.bka");
    NodeCredentials bkaNode = bka.node("node-1");
    TrustDirectory three = TestPki.directory(f.ice, f.skr, bka);
    Held held = firstBatchHeld(new EnvelopeSealer(f.iceNode, three, f.clock), 64);
    SealRequest toBka =
        SealRequest.request(
            "de.bka",
            "node-1",
            "ice-bka-2012",
            "HUMAN_TRAFFICKING",
            "ICE-2024-0042",
            "officer-7",
            "q",
            Duration.ofMinutes(5));
    int before = held.group().waiting();
    List<Future<Envelope>> toSkr = new ArrayList<>();
    List<Future<Envelope>> toBkaSent = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      toSkr.add(sealLater(held.group(), "skr" + i));
      toBkaSent.add(sealLater(held.group(), toBka, "bka" + i));
    }
    while (held.group().waiting() < before + 6) {
      Thread.sleep(1);
    }
    held.release();

    EnvelopeVerifier bkaGateway =
        EnvelopeVerifier.builder(three).clock(f.clock).recipientAgency("de.bka").build();
    EnvelopeOpener bkaOpener = EnvelopeOpener.builder(bkaNode, three).clock(f.clock).build();
    Set<ByteString> bkaRoots = new HashSet<>();
    for (int i = 0; i < 3; i++) {
      Envelope e = toBkaSent.get(i).get();
      assertThat(batchOf(e).getTreeSize()).isEqualTo(3);
      bkaRoots.add(batchOf(e).getRootSignature());
      bkaGateway.verify(e);
      assertThat(bkaOpener.open(e).payload()).isEqualTo(text("bka" + i));
    }
    Set<ByteString> skrRoots = new HashSet<>();
    for (Future<Envelope> e : toSkr) {
      assertThat(batchOf(e.get()).getTreeSize()).isEqualTo(3);
      skrRoots.add(batchOf(e.get()).getRootSignature());
    }
    assertThat(bkaRoots).hasSize(1).doesNotContainAnyElementsOf(skrRoots);
    assertThat(skrRoots).hasSize(1);
  }

  @Test
  void manyConcurrentCallers_eachGetTheirOwnEnvelope_andEveryOneVerifiesAndOpens()
      throws Exception {
    GroupSealer group = new GroupSealer(f.iceSealer(), 16);
    int threads = 8;
    int each = 40;
    CountDownLatch start = new CountDownLatch(1);
    List<Future<List<Envelope>>> work = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      work.add(
          callers.submit(
              () -> {
                start.await();
                List<Envelope> mine = new ArrayList<>();
                for (int i = 0; i < each; i++) {
                  mine.add(group.seal(TwoAgencies.toSkr("q"), text(thread + "/" + i)));
                }
                return mine;
              }));
    }
    start.countDown();
    List<Envelope> sent = new ArrayList<>();
    List<String> payloads = new ArrayList<>();
    Set<ByteString> signatures = new HashSet<>();
    for (int t = 0; t < threads; t++) {
      List<Envelope> mine = work.get(t).get();
      for (int i = 0; i < each; i++) {
        sent.add(mine.get(i));
        payloads.add(t + "/" + i);
        signatures.add(batchOf(mine.get(i)).getRootSignature());
        assertThat(batchOf(mine.get(i)).getTreeSize()).isBetween(1L, 16L);
      }
    }
    assertThat(sent.stream().map(e -> e.getHeader()).distinct()).hasSize(threads * each);
    assertThat(signatures).hasSizeLessThanOrEqualTo(threads * each);
    verifiesAndOpens(sent, payloads);
  }

  @Test
  void anEnvelopeCutFromABatch_withAlteredBytes_isRefused_evenWhereItsRootIsVerified()
      throws Exception {
    Held held = firstBatchHeld(64);
    List<Future<Envelope>> next = queued(held.group(), "next", 4);
    held.release();
    List<Envelope> batch = new ArrayList<>();
    for (Future<Envelope> e : next) {
      batch.add(e.get());
    }
    Envelope member = batch.get(2);
    byte[] ct = member.getCiphertext().toByteArray();
    ct[ct.length / 2] ^= 1;
    ByteString header =
        TwoAgencies.header(member).toBuilder().setPurpose("ANOTHER_PURPOSE").build().toByteString();
    // an envelope from outside the batch, wearing a member's batch signature and audit path
    Envelope outsider =
        held.sealer()
            .sealBatch(List.of(new EnvelopeSealer.Outgoing(TwoAgencies.toSkr("q"), text("x"))))
            .get(0);
    List<Envelope> forged =
        List.of(
            member.toBuilder().setCiphertext(ByteString.copyFrom(ct)).build(),
            member.toBuilder().setHeader(header).build(),
            outsider.toBuilder().setSignature(member.getSignature()).build(),
            outsider.toBuilder()
                .setSignature(
                    outsider.getSignature().toBuilder()
                        .setBatch(
                            batchOf(member).toBuilder()
                                .setLeafIndex(batchOf(outsider).getLeafIndex())
                                .setTreeSize(batchOf(member).getTreeSize())))
                .build());

    EnvelopeVerifier warm = f.skrGateway();
    EnvelopeOpener warmNode = f.skrOpener();
    for (Envelope e : List.of(batch.get(0), batch.get(1))) {
      warm.verify(e);
      warmNode.open(e);
    }
    for (int i = 0; i < forged.size(); i++) {
      Envelope e = forged.get(i);
      assertThat(reason(() -> warm.verify(e)))
          .as("case %d at a gateway that verified the batch's root", i)
          .isEqualTo(Reason.SIGNATURE_INVALID);
      assertThat(reason(() -> warmNode.open(e)))
          .as("case %d at the node", i)
          .isEqualTo(Reason.SIGNATURE_INVALID);
    }
    // the intact member still passes after the forgeries were refused
    assertThat(warm.verify(member).header().getMessageId())
        .isEqualTo(TwoAgencies.header(member).getMessageId());
    assertThat(warmNode.open(member).payload()).isEqualTo(text("next2"));
  }
}

package org.liaison.wire.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.liaison.wire.envelope.Refused.reason;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnknownFieldSet;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.liaison.wire.v1.Envelope;
import org.liaison.wire.v1.Reason;

/**
 * Every byte of a serialised envelope matters: flipping a bit in any of them makes the envelope
 * unparseable or refused, both by the recipient's gateway (no decryption key) and by the recipient
 * node, for the three ways an envelope is sealed. And a message is accepted once.
 */
class EnvelopeTamperTest {

  private static final byte[] PAYLOAD =
      "who is Ivan Petrov, born 1979-03-02?".getBytes(StandardCharsets.UTF_8);
  // Three bits of every byte by default (about 9,000 flips per run); -Dliaison.tamper.bits=8
  // flips every bit.
  private static final int BITS_PER_BYTE =
      Math.max(1, Math.min(8, Integer.getInteger("liaison.tamper.bits", 3)));
  private final TwoAgencies f = new TwoAgencies();

  private static EnvelopeSealer.Outgoing message(String text) {
    return new EnvelopeSealer.Outgoing(
        TwoAgencies.toSkr("liaison.v1.QueryRequest"), text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void everyBitFlip_singleSignedEnvelope_isRefused() throws Exception {
    Envelope e = f.iceSealer().seal(TwoAgencies.toSkr("liaison.v1.QueryRequest"), PAYLOAD);
    EnvelopeVerifier gateway = f.skrGateway();
    EnvelopeOpener node = f.skrOpener();

    Tally t = flipEveryBit("single-signed", e, gateway, node);

    assertThat(t.positions).isEqualTo(e.getSerializedSize() * BITS_PER_BYTE);
    stillAccepted(e, gateway, node);
  }

  @Test
  void everyBitFlip_batchSignedEnvelope_isRefused_evenWithTheBatchRootAlreadyVerified()
      throws Exception {
    List<Envelope> batch = new ArrayList<>();
    List<EnvelopeSealer.Outgoing> out = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      out.add(message("question " + i));
    }
    batch.addAll(f.iceSealer().sealBatch(out));
    EnvelopeVerifier gateway = f.skrGateway();
    EnvelopeOpener node = f.skrOpener();
    // Both sides have verified (and cached) the batch root through another member.
    gateway.verify(batch.get(0));
    node.open(batch.get(0));

    Envelope member = batch.get(2);
    Tally t = flipEveryBit("batch-signed (member 2 of 5)", member, gateway, node);

    assertThat(t.positions).isEqualTo(member.getSerializedSize() * BITS_PER_BYTE);
    stillAccepted(member, gateway, node);
  }

  @Test
  void everyBitFlip_sessionEnvelope_isRefused_byAReceiverHoldingTheSession() throws Exception {
    EnvelopeSealer ice = f.iceSealer();
    Envelope first = ice.sealBatch(List.of(message("first"))).get(0);
    Envelope second = ice.sealBatch(List.of(message("second"))).get(0);
    assertThat(TwoAgencies.header(second).getSession().getSequence()).isEqualTo(1);
    assertThat(TwoAgencies.header(second).getSession().getSessionId())
        .isEqualTo(TwoAgencies.header(first).getSession().getSessionId());
    EnvelopeVerifier gateway = f.skrGateway();
    EnvelopeOpener node = f.skrOpener();
    gateway.verify(first);
    node.open(first);

    Tally t = flipEveryBit("session (sequence 1)", second, gateway, node);

    assertThat(t.positions).isEqualTo(second.getSerializedSize() * BITS_PER_BYTE);
    stillAccepted(second, gateway, node);
  }

  @Test
  void unknownFieldsOutsideTheSignedHeader_areRefused() throws Exception {
    List<Envelope> batch = f.iceSealer().sealBatch(List.of(message("a"), message("b")));
    Envelope single = f.iceSealer().seal(TwoAgencies.toSkr("q"), PAYLOAD);
    UnknownFieldSet extra =
        UnknownFieldSet.newBuilder()
            .addField(99, UnknownFieldSet.Field.newBuilder().addFixed32(0).build())
            .build();
    Envelope inEnvelope = single.toBuilder().setUnknownFields(extra).build();
    Envelope inSignature =
        single.toBuilder()
            .setSignature(single.getSignature().toBuilder().setUnknownFields(extra))
            .build();
    Envelope member = batch.get(1);
    Envelope inBatchSignature =
        member.toBuilder()
            .setSignature(
                member.getSignature().toBuilder()
                    .setBatch(member.getSignature().getBatch().toBuilder().setUnknownFields(extra)))
            .build();
    for (Envelope e : List.of(inEnvelope, inSignature, inBatchSignature)) {
      Envelope received = Envelope.parseFrom(e.toByteArray());
      assertThat(reason(() -> f.skrGateway().verify(received)))
          .isEqualTo(Reason.MALFORMED_ENVELOPE);
      assertThat(reason(() -> f.skrOpener().open(received))).isEqualTo(Reason.MALFORMED_ENVELOPE);
    }
    // Inside the header, an added field is covered by the signature like any other header byte.
    Envelope inHeader =
        single.toBuilder()
            .setHeader(
                TwoAgencies.header(single).toBuilder()
                    .setUnknownFields(extra)
                    .build()
                    .toByteString())
            .build();
    assertThat(reason(() -> f.skrGateway().verify(inHeader))).isEqualTo(Reason.SIGNATURE_INVALID);
    // The originals were untouched.
    stillAccepted(single, f.skrGateway(), f.skrOpener());
    stillAccepted(member, f.skrGateway(), f.skrOpener());
  }

  @Test
  void replay_ofASingleEnvelope_isRefused() throws Exception {
    Envelope e = f.iceSealer().seal(TwoAgencies.toSkr("q"), PAYLOAD);
    acceptedOnceThenReplayed(e);
  }

  @Test
  void replay_ofABatchMember_isRefused() throws Exception {
    List<Envelope> batch = f.iceSealer().sealBatch(List.of(message("a"), message("b")));
    acceptedOnceThenReplayed(batch.get(1));
    acceptedOnceThenReplayed(batch.get(0));
  }

  @Test
  void replay_ofASessionMessage_isRefused() throws Exception {
    EnvelopeSealer ice = f.iceSealer();
    ice.sealBatch(List.of(message("a")));
    Envelope seq1 = ice.sealBatch(List.of(message("b"))).get(0);
    acceptedOnceThenReplayed(seq1);
  }

  @Test
  void replay_ofASessionSequenceNumberUnderAFreshMessageId_isRefused() throws Exception {
    SessionForge session = new SessionForge(f);
    EnvelopeOpener node = f.skrOpener();
    Envelope original = session.seal(3, PAYLOAD);
    Envelope reuse = session.seal(3, "other".getBytes(StandardCharsets.UTF_8));
    assertThat(TwoAgencies.header(reuse).getMessageId())
        .isNotEqualTo(TwoAgencies.header(original).getMessageId());

    assertThat(node.open(original).payload()).isEqualTo(PAYLOAD);
    assertThat(reason(() -> node.open(reuse))).isEqualTo(Reason.REPLAYED_MESSAGE);
    // The gateway cannot know sequence numbers (it holds no session): it relays, the node refuses.
    f.skrGateway().verify(reuse);
  }

  @Test
  void reorder_withinTheWindowIsAccepted_beyondItRefused() throws Exception {
    SessionForge session = new SessionForge(f);
    EnvelopeOpener node =
        EnvelopeOpener.builder(f.skrNode, f.directory())
            .clock(f.clock)
            .sessionPolicy(new SessionPolicy(100_000, Duration.ofHours(1), 4, 100))
            .build();
    // Window 4: with 10 the highest seen, 7..9 are still accepted once; 6 and below are not.
    opens(node, session, 10);
    opens(node, session, 7);
    refused(node, session, 6);
    opens(node, session, 9);
    opens(node, session, 8);
    refused(node, session, 7);
    refused(node, session, 10);
    opens(node, session, 11);
    refused(node, session, 7);
    // A jump forward moves the window: 97..100 remain open, 96 and the old ones do not.
    opens(node, session, 100);
    opens(node, session, 97);
    refused(node, session, 96);
    refused(node, session, 11);
    opens(node, session, 99);
    refused(node, session, 99);
  }

  @Test
  void reorder_defaultWindowIs1024() throws Exception {
    SessionForge session = new SessionForge(f);
    EnvelopeOpener node = f.skrOpener();
    opens(node, session, 2000);
    opens(node, session, 2000 - 1023);
    refused(node, session, 2000 - 1024);
    opens(node, session, 1999);
  }

  private static void opens(EnvelopeOpener node, SessionForge session, long seq) throws Exception {
    byte[] payload = ("sequence " + seq).getBytes(StandardCharsets.UTF_8);
    assertThat(node.open(session.seal(seq, payload)).payload())
        .as("sequence %d", seq)
        .isEqualTo(payload);
  }

  private static void refused(EnvelopeOpener node, SessionForge session, long seq)
      throws Exception {
    Envelope e = session.seal(seq, PAYLOAD);
    assertThat(reason(() -> node.open(e)))
        .as("sequence %d", seq)
        .isEqualTo(Reason.REPLAYED_MESSAGE);
  }

  private void acceptedOnceThenReplayed(Envelope e) throws Exception {
    EnvelopeVerifier gateway = f.skrGateway();
    EnvelopeOpener node = f.skrOpener();
    gateway.verify(e);
    node.open(e);
    assertThat(reason(() -> gateway.verify(e))).isEqualTo(Reason.REPLAYED_MESSAGE);
    assertThat(reason(() -> node.open(e))).isEqualTo(Reason.REPLAYED_MESSAGE);
  }

  /** The untouched envelope passes, so the refusals above were about the flipped bit. */
  private static void stillAccepted(Envelope e, EnvelopeVerifier gateway, EnvelopeOpener node)
      throws Exception {
    gateway.verify(e);
    assertThat(node.open(e).header().getMessageId())
        .isEqualTo(TwoAgencies.header(e).getMessageId());
  }

  /** What became of each flipped position. */
  private static final class Tally {
    int positions;
    int unparseable;
    final Map<Reason, Integer> gateway = new EnumMap<>(Reason.class);
    final Map<Reason, Integer> node = new EnumMap<>(Reason.class);
  }

  private static Tally flipEveryBit(
      String what, Envelope e, EnvelopeVerifier gateway, EnvelopeOpener node) {
    byte[] original = e.toByteArray();
    Tally t = new Tally();
    for (int i = 0; i < original.length; i++) {
      for (int k = 0; k < BITS_PER_BYTE; k++) {
        // Rotating, so that with fewer than 8 bits per byte every bit position occurs too.
        int bit = BITS_PER_BYTE == 8 ? k : (i + 3 * k) % 8;
        byte[] b = original.clone();
        b[i] ^= (byte) (1 << bit);
        t.positions++;
        Envelope m;
        try {
          m = Envelope.parseFrom(b);
        } catch (InvalidProtocolBufferException ex) {
          t.unparseable++;
          continue;
        }
        String at = what + ", byte " + i + " bit " + bit;
        try {
          t.gateway.merge(reason(() -> gateway.verify(m)), 1, Integer::sum);
          t.node.merge(reason(() -> node.open(m)), 1, Integer::sum);
        } catch (AssertionError | RuntimeException ex) {
          throw new AssertionError(at + ": " + ex.getMessage(), ex);
        }
      }
    }
    System.out.printf(
        "tamper %s: %d bytes, %d bit flips (%d per byte): %d unparseable; gateway refused %s;"
            + " node refused %s%n",
        what, original.length, t.positions, BITS_PER_BYTE, t.unparseable, t.gateway, t.node);
    return t;
  }
}

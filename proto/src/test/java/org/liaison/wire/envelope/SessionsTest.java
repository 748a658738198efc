package org.liaison.wire.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.liaison.wire.envelope.Refused.reason;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.liaison.wire.v1.Envelope;
import org.liaison.wire.v1.Reason;
import org.liaison.wire.v1.SessionRef;

/**
 * Amortised HPKE sessions: one encapsulation per peer and period, a sequence number per message,
 * re-keying by {@link SessionPolicy}, and what happens when the receiver lost or retired a session.
 */
class SessionsTest {

  private final TwoAgencies f = new TwoAgencies();

  private static EnvelopeSealer.Outgoing message(String text) {
    return new EnvelopeSealer.Outgoing(
        TwoAgencies.toSkr("liaison.v1.QueryRequest"), text.getBytes(StandardCharsets.UTF_8));
  }

  private static SessionRef session(Envelope e) throws Exception {
    return TwoAgencies.header(e).getSession();
  }

  private EnvelopeSealer sealer(SessionPolicy policy) {
    return new EnvelopeSealer(f.iceNode, f.directory(), f.clock, policy);
  }

  private EnvelopeOpener opener(SessionPolicy policy) throws WireException {
    return EnvelopeOpener.builder(f.skrNode, f.directory())
        .clock(f.clock)
        .sessionPolicy(policy)
        .build();
  }

  private static String text(OpenedEnvelope o) {
    return new String(o.payload(), StandardCharsets.UTF_8);
  }

  @Test
  void successiveMessagesToOnePeer_shareOneSession() throws Exception {
    EnvelopeSealer ice = f.iceSealer();
    EnvelopeOpener skr = f.skrOpener();
    List<Envelope> sent = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      sent.add(ice.sealBatch(List.of(message("m" + i))).get(0));
    }
    ByteString id = session(sent.get(0)).getSessionId();
    for (int i = 0; i < sent.size(); i++) {
      Envelope e = sent.get(i);
      assertThat(session(e).getSessionId()).isEqualTo(id);
      assertThat(session(e).getSequence()).isEqualTo(i);
      assertThat(e.getEnc().isEmpty()).as("no per-message HPKE encapsulation").isTrue();
      assertThat(text(skr.open(e))).isEqualTo("m" + i);
    }
  }

  @Test
  void rotation_afterMaxMessages() throws Exception {
    SessionPolicy threePerSession = new SessionPolicy(3, Duration.ofHours(1), 1024, 100);
    List<EnvelopeSealer.Outgoing> out = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      out.add(message("m" + i));
    }
    List<Envelope> sent = sealer(threePerSession).sealBatch(out);
    EnvelopeOpener skr = opener(threePerSession);

    List<ByteString> ids = new ArrayList<>();
    List<Long> sequences = new ArrayList<>();
    for (Envelope e : sent) {
      ids.add(session(e).getSessionId());
      sequences.add(session(e).getSequence());
    }
    assertThat(sequences).containsExactly(0L, 1L, 2L, 0L, 1L, 2L, 0L);
    assertThat(ids.subList(0, 3)).containsOnly(ids.get(0));
    assertThat(ids.subList(3, 6)).containsOnly(ids.get(3));
    assertThat(ids.get(0)).isNotEqualTo(ids.get(3));
    assertThat(ids.get(6)).isNotIn(ids.get(0), ids.get(3));
    for (int i = 0; i < sent.size(); i++) {
      assertThat(text(skr.open(sent.get(i)))).isEqualTo("m" + i);
    }
  }

  @Test
  void receiver_refusesSequenceNumbersBeyondTheSessionLimit() throws Exception {
    SessionForge session = new SessionForge(f);
    EnvelopeOpener skr = opener(new SessionPolicy(3, Duration.ofHours(1), 1024, 100));
    assertThat(skr.open(session.seal(2, new byte[] {1})).payload()).containsExactly(1);
    Envelope beyond = session.seal(3, new byte[] {2});
    assertThat(reason(() -> skr.open(beyond))).isEqualTo(Reason.UNKNOWN_SESSION);
  }

  @Test
  void rotation_afterMaxAge() throws Exception {
    SessionPolicy oneMinute = new SessionPolicy(100_000, Duration.ofMinutes(1), 1024, 100);
    EnvelopeSealer ice = sealer(oneMinute);
    EnvelopeOpener skr = opener(oneMinute);
    Envelope a = ice.sealBatch(List.of(message("a"))).get(0);
    f.clock.advance(Duration.ofSeconds(30));
    Envelope b = ice.sealBatch(List.of(message("b"))).get(0);
    f.clock.advance(Duration.ofSeconds(31));
    Envelope c = ice.sealBatch(List.of(message("c"))).get(0);

    assertThat(session(b).getSessionId()).isEqualTo(session(a).getSessionId());
    assertThat(session(b).getSequence()).isEqualTo(1);
    assertThat(session(c).getSessionId()).isNotEqualTo(session(a).getSessionId());
    assertThat(session(c).getSequence()).isZero();
    assertThat(text(skr.open(c))).isEqualTo("c");
  }

  @Test
  void receiver_retiresASessionAtItsMaxAge_andTheSenderRecovers() throws Exception {
    SessionPolicy oneMinute = new SessionPolicy(100_000, Duration.ofMinutes(1), 1024, 100);
    EnvelopeSealer ice = sealer(oneMinute);
    EnvelopeOpener skr = opener(oneMinute);
    List<Envelope> two = ice.sealBatch(List.of(message("early"), message("late")));
    assertThat(text(skr.open(two.get(0)))).isEqualTo("early");
    f.clock.advance(Duration.ofSeconds(61));

    // Still signed, unexpired and new; but its session is retired, even though it repeats enc.
    assertThat(reason(() -> skr.open(two.get(1)))).isEqualTo(Reason.UNKNOWN_SESSION);

    // The sender recovers: a single envelope needs no session, and its next session is new.
    Envelope single =
        ice.seal(
            TwoAgencies.toSkr("liaison.v1.QueryRequest"),
            "late, resent".getBytes(StandardCharsets.UTF_8));
    assertThat(text(skr.open(single))).isEqualTo("late, resent");
    Envelope next = ice.sealBatch(List.of(message("next"))).get(0);
    assertThat(session(next).getSessionId()).isNotEqualTo(session(two.get(0)).getSessionId());
    assertThat(text(skr.open(next))).isEqualTo("next");
  }

  @Test
  void receiverThatLostItsState_rebuildsTheSessionFromTheRepeatedEnc() throws Exception {
    EnvelopeSealer ice = f.iceSealer();
    assertThat(text(f.skrOpener().open(ice.sealBatch(List.of(message("a"))).get(0))))
        .isEqualTo("a");
    // A restarted node: new opener, no sessions. The sealer repeats enc on every message.
    EnvelopeOpener restarted = f.skrOpener();
    Envelope b = ice.sealBatch(List.of(message("b"))).get(0);
    assertThat(session(b).getSequence()).isEqualTo(1);
    assertThat(text(restarted.open(b))).isEqualTo("b");
  }

  @Test
  void receiverThatLostItsState_refusesAMessageWithoutEnc_andSingleSealingRecovers()
      throws Exception {
    SessionForge session = new SessionForge(f);
    EnvelopeOpener skr = f.skrOpener();
    // While the receiver holds the session, later messages need not repeat enc.
    assertThat(skr.open(session.seal(0, new byte[] {0})).payload()).containsExactly(0);
    assertThat(skr.open(session.seal(1, false, new byte[] {1})).payload()).containsExactly(1);

    EnvelopeOpener restarted = f.skrOpener();
    Envelope withoutEnc = session.seal(2, false, new byte[] {2});
    assertThat(reason(() -> restarted.open(withoutEnc))).isEqualTo(Reason.UNKNOWN_SESSION);

    Envelope single = f.iceSealer().seal(TwoAgencies.toSkr("q"), new byte[] {2});
    assertThat(restarted.open(single).payload()).containsExactly(2);
  }

  @Test
  void aSessionIdThatIsNotTheHashOfItsEnc_isMalformed() throws Exception {
    Envelope e = f.iceSealer().sealBatch(List.of(message("a"))).get(0);
    Envelope wrongId =
        f.resignAsIce(
            e,
            h ->
                h.setSession(
                    h.getSession().toBuilder().setSessionId(ByteString.copyFrom(new byte[32]))));
    assertThat(reason(() -> f.skrOpener().open(wrongId))).isEqualTo(Reason.MALFORMED_ENVELOPE);
  }
}

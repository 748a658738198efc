package org.liaison.wire.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.liaison.wire.envelope.Refused.reason;

import com.google.protobuf.InvalidProtocolBufferException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.liaison.wire.v1.Envelope;
import org.liaison.wire.v1.Header;

/**
 * Properties of sealing: whatever the payload and header text, sealing then opening gives back
 * exactly what was sealed; whatever is done to a sealed envelope, it no longer opens.
 */
class EnvelopePropertiesTest {

  // Key generation is the slow part: one federation for all tries. Every try seals fresh
  // envelopes (fresh message ids), so tries do not interfere through the replay guard.
  private static final TwoAgencies F = new TwoAgencies();
  private static final EnvelopeSealer ICE = F.iceSealer();
  private static final EnvelopeOpener SKR = open();
  private static final EnvelopeVerifier GATEWAY = F.skrGateway();

  private static EnvelopeOpener open() {
    try {
      return F.skrOpener();
    } catch (WireException e) {
      throw new IllegalStateException(e);
    }
  }

  /** How the envelope is sealed. */
  enum Sealing {
    SINGLE,
    BATCH_MEMBER,
    SESSION
  }

  /** What is done to it. */
  enum Mutation {
    FLIP_BITS,
    TRUNCATE,
    APPEND,
    HEADER_OF_ANOTHER,
    SIGNATURE_OF_ANOTHER
  }

  /** Header text as an officer may type it: any Unicode scalar values, often plain ASCII. */
  @Provide
  Arbitrary<String> text() {
    Arbitrary<Integer> codePoint =
        Arbitraries.frequencyOf(
            Tuple.of(3, Arbitraries.integers().between(0x20, 0x7e)),
            Tuple.of(
                1,
                Arbitraries.integers()
                    .between(0, Character.MAX_CODE_POINT)
                    .filter(c -> c < Character.MIN_SURROGATE || c > Character.MAX_SURROGATE)));
    return codePoint
        .list()
        .ofMaxSize(40)
        .map(l -> new String(l.stream().mapToInt(Integer::intValue).toArray(), 0, l.size()));
  }

  @Property(tries = 200)
  void sealThenOpen_returnsExactlyThePayloadAndHeader(
      @ForAll @Size(max = 16 * 1024) byte[] payload,
      @ForAll("text") String purpose,
      @ForAll("text") String caseReference,
      @ForAll("text") String officerId,
      @ForAll @LongRange(min = 1, max = 86_400_000) long ttlMs,
      @ForAll Sealing sealing)
      throws Exception {
    SealRequest request =
        SealRequest.request(
            "ru.skr",
            "node-1",
            "ice-skr-2010",
            purpose,
            caseReference,
            officerId,
            "liaison.v1.QueryRequest",
            Duration.ofMillis(ttlMs));

    Envelope e = seal(sealing, request, payload).get(0);
    VerifiedEnvelope verified = GATEWAY.verify(e);
    OpenedEnvelope opened = SKR.open(e);

    assertThat(opened.payload()).isEqualTo(payload);
    Header h = opened.header();
    assertThat(h).isEqualTo(verified.header());
    assertThat(h.getPurpose()).isEqualTo(purpose);
    assertThat(h.getCaseReference()).isEqualTo(caseReference);
    assertThat(h.getOfficerId()).isEqualTo(officerId);
    assertThat(h.getSenderAgency()).isEqualTo("us.ice");
    assertThat(h.getAgreementId()).isEqualTo("ice-skr-2010");
    assertThat(h.getExpiresAtMs() - h.getCreatedAtMs()).isEqualTo(ttlMs);
    assertThat(h.hasSession()).isEqualTo(sealing != Sealing.SINGLE);
    assertThat(opened.signedContentHash()).isEqualTo(Envelopes.signedContentHash(e));
  }

  @Property(tries = 200)
  void aMutatedEnvelope_neverOpens(
      @ForAll Sealing sealing,
      @ForAll Mutation mutation,
      @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int position,
      @ForAll @IntRange(min = 1, max = 255) int mask,
      @ForAll @Size(min = 1, max = 64) byte[] appended,
      @ForAll @Size(max = 2048) byte[] payload)
      throws Exception {
    SealRequest request = TwoAgencies.toSkr("liaison.v1.QueryRequest");
    // Two envelopes sealed together: for a batch, members of the same batch; for a session,
    // consecutive messages of the same session.
    List<Envelope> two = seal(sealing, request, payload);
    Envelope e = two.get(0);
    Envelope other = two.get(1);
    byte[] bytes = e.toByteArray();

    byte[] mutated =
        switch (mutation) {
          case FLIP_BITS -> {
            byte[] b = bytes.clone();
            b[Math.floorMod(position, b.length)] ^= (byte) mask;
            yield b;
          }
          case TRUNCATE -> Arrays.copyOf(bytes, Math.floorMod(position, bytes.length));
          case APPEND -> {
            byte[] b = Arrays.copyOf(bytes, bytes.length + appended.length);
            System.arraycopy(appended, 0, b, bytes.length, appended.length);
            yield b;
          }
          case HEADER_OF_ANOTHER ->
              e.toBuilder().setHeader(other.getHeader()).build().toByteArray();
          case SIGNATURE_OF_ANOTHER ->
              e.toBuilder().setSignature(other.getSignature()).build().toByteArray();
        };

    Envelope m;
    try {
      m = Envelope.parseFrom(mutated);
    } catch (InvalidProtocolBufferException unparseable) {
      m = null;
    }
    if (m != null) {
      Envelope tampered = m;
      assertThat(reason(() -> GATEWAY.verify(tampered))).isNotNull();
      assertThat(reason(() -> SKR.open(tampered))).isNotNull();
    }
    // The original was not used up by the refused copy: it still opens.
    assertThat(SKR.open(e).payload()).isEqualTo(payload);
  }

  /** Two envelopes with the same request and payload; the first is the one under test. */
  private static List<Envelope> seal(Sealing sealing, SealRequest request, byte[] payload)
      throws WireException {
    return switch (sealing) {
      case SINGLE -> List.of(ICE.seal(request, payload), ICE.seal(request, payload));
      case BATCH_MEMBER -> {
        List<Envelope> batch =
            ICE.sealBatch(
                List.of(
                    new EnvelopeSealer.Outgoing(request, new byte[] {1}),
                    new EnvelopeSealer.Outgoing(request, payload),
                    new EnvelopeSealer.Outgoing(request, payload)));
        yield List.of(batch.get(1), batch.get(2));
      }
      case SESSION ->
          List.of(
              ICE.sealBatch(List.of(new EnvelopeSealer.Outgoing(request, payload))).get(0),
              ICE.sealBatch(List.of(new EnvelopeSealer.Outgoing(request, payload))).get(0));
    };
  }
}

package org.liaison.wire.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnknownFieldSet;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.liaison.wire.crypto.Ecdsa;
import org.liaison.wire.crypto.Sha256;
import org.liaison.wire.pki.MalformedKeys;
import org.liaison.wire.pki.TrustDirectory;
import org.liaison.wire.v1.BatchSignature;
import org.liaison.wire.v1.Envelope;
import org.liaison.wire.v1.Header;
import org.liaison.wire.v1.Reason;
import org.liaison.wire.v1.SessionRef;
import org.liaison.wire.v1.Signature;

/**
 * Fuzzes what a recipient receives: the gateway's key-less checks ({@link EnvelopeVerifier}) and
 * the node's open ({@link EnvelopeOpener}). The input is a mutation program applied to an envelope
 * sealed properly by us.ice to ru.skr (single-signed, batch-signed, first and later session
 * message), so that mutations reach the signature, certificate, session and decryption checks; one
 * base parses the input as a raw envelope instead. Keys are fresh each run; the programs in the
 * corpus do not depend on them.
 *
 * <p>Only {@link WireException} may escape. Nothing whose signed content (header, enc, ciphertext)
 * differs from what was sealed opens, even when the change is signed again with a valid key of the
 * sender, and the gateway passes a changed envelope only when it carries a valid signature.
 */
class EnvelopeFuzzTest {

  private static final byte[] PAYLOAD =
      "who is Ivan Petrov, born 1979-03-02?".getBytes(StandardCharsets.UTF_8);
  private static final TwoAgencies F = new TwoAgencies();
  private static final Envelope SINGLE;
  private static final Envelope BATCH_MEMBER;
  private static final Envelope SESSION_FIRST;
  private static final Envelope SESSION_LATER;

  /*
   * The receivers are made once per JVM, as in a running gateway and node, so that an execution
   * pays for the checks under test and not for building a trust directory and validating the same
   * certificates again (their checks are cached per receiver). Their replay memories run on a
   * clock of their own, moved past every remembered id before each execution: every execution
   * starts with none remembered, as a fresh receiver did. A session-message base (and the raw
   * base, which is read by a node holding a session) gets a fresh node opener each time, since an
   * opened session message changes the opener's session state.
   */
  private static final TrustDirectory DIRECTORY = F.directory();
  private static final MutableClock REPLAY_CLOCK = new MutableClock();
  private static final ReplayGuard GATEWAY_REPLAY = ReplayGuard.defaults(REPLAY_CLOCK);
  private static final ReplayGuard NODE_REPLAY = ReplayGuard.defaults(REPLAY_CLOCK);
  private static final EnvelopeVerifier GATEWAY =
      EnvelopeVerifier.builder(DIRECTORY)
          .clock(F.clock)
          .recipientAgency("ru.skr")
          .replayGuard(GATEWAY_REPLAY)
          .build();
  private static final EnvelopeOpener NODE;

  static {
    try {
      EnvelopeSealer ice = F.iceSealer();
      SINGLE = ice.seal(TwoAgencies.toSkr("liaison.v1.QueryRequest"), PAYLOAD);
      List<Envelope> batch = F.iceSealer().sealBatch(List.of(out(), out(), out()));
      BATCH_MEMBER = batch.get(1);
      EnvelopeSealer session = F.iceSealer();
      SESSION_FIRST = session.sealBatch(List.of(out())).get(0);
      SESSION_LATER = session.sealBatch(List.of(out())).get(0);
      NODE = opener(NODE_REPLAY);
    } catch (WireException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private static EnvelopeSealer.Outgoing out() {
    return new EnvelopeSealer.Outgoing(TwoAgencies.toSkr("liaison.v1.QueryRequest"), PAYLOAD);
  }

  @FuzzTest(maxDuration = "5m")
  void receivedEnvelope(FuzzedDataProvider data) throws Exception {
    int base = data.consumeInt(0, 4);
    Envelope original =
        switch (base) {
          case 0 -> SINGLE;
          case 1 -> BATCH_MEMBER;
          case 2 -> SESSION_FIRST;
          default -> SESSION_LATER;
        };
    Mutated m =
        base == 4 ? raw(data.consumeRemainingAsBytes()) : EnvelopeMutations.apply(original, data);
    if (m == null) {
      return; // not an envelope at all: the transport's parser refuses it before our code
    }
    forgetReplays();
    EnvelopeVerifier gateway = GATEWAY;
    boolean session = original == SESSION_FIRST || original == SESSION_LATER;
    EnvelopeOpener node = session ? opener(ReplayGuard.defaults(F.clock)) : NODE;
    if (original == SESSION_LATER) {
      node.open(SESSION_FIRST); // the receiver holds the session
    }

    boolean passedGateway = accepted(() -> gateway.verify(m.envelope()));
    if (passedGateway && !m.resigned()) {
      assertThat(sameSignedContent(m.envelope(), original))
          .as("the gateway passed an envelope whose signed content was altered")
          .isTrue();
    }
    OpenedEnvelope[] opened = new OpenedEnvelope[1];
    if (accepted(() -> opened[0] = node.open(m.envelope()))) {
      assertThat(sameSignedContent(m.envelope(), original))
          .as("the node opened an envelope whose signed content was altered")
          .isTrue();
      assertThat(opened[0].payload()).isEqualTo(PAYLOAD);
    }
  }

  private static EnvelopeOpener opener(ReplayGuard replay) throws WireException {
    return EnvelopeOpener.builder(F.skrNode, DIRECTORY).clock(F.clock).replayGuard(replay).build();
  }

  /** Every id the long-lived receivers remember is forgotten: their clock passes its expiry. */
  private static void forgetReplays() {
    Duration beyond = Duration.ofDays(3650);
    REPLAY_CLOCK.advance(beyond);
    GATEWAY_REPLAY.size(); // prunes
    NODE_REPLAY.size();
    REPLAY_CLOCK.advance(beyond.negated());
  }

  @Test
  void signerCertificateWithAMalformedKey_namedByTheHeader_isRefused() throws Exception {
    // A certificate that parses but whose key does not, named by the signed header's signer key
    // id: BouncyCastle throws an unchecked exception only when the key is read.
    byte[] der = MalformedKeys.certificate(F.iceNode.signingCertificate());
    assertRefusedAsSignatureInvalid(signedNaming(SINGLE, der));
  }

  @Test
  void signerCertificateWithAMalformedSignature_namedByTheHeader_isRefused() throws Exception {
    // fuzz finding 6 (found in the audit bundle): a signature BIT STRING with unused bits parses,
    // and BouncyCastle throws IllegalStateException only when the signature is read
    byte[] der = MalformedKeys.signature(F.iceNode.signingCertificate());
    assertRefusedAsSignatureInvalid(signedNaming(SINGLE, der));
  }

  /**
   * {@code original} signed again by us.ice's node, its header and signature naming the certificate
   * {@code der} as the signer's.
   */
  private static Envelope signedNaming(Envelope original, byte[] der) throws Exception {
    Header h = TwoAgencies.header(original).toBuilder().setSignerKeyId(Sha256.hex(der)).build();
    byte[] signed =
        SignedContent.of(
            h.toByteArray(),
            original.getEnc().toByteArray(),
            original.getCiphertext().toByteArray());
    return original.toBuilder()
        .setHeader(h.toByteString())
        .setSignature(
            Signature.newBuilder()
                .setSignerCertificate(ByteString.copyFrom(der))
                .setSingle(ByteString.copyFrom(Ecdsa.sign(F.iceNode.signingKey(), signed))))
        .build();
  }

  private static void assertRefusedAsSignatureInvalid(Envelope e) {
    assertThat(Refused.reason(() -> F.skrGateway().verify(e))).isEqualTo(Reason.SIGNATURE_INVALID);
    assertThat(Refused.reason(() -> F.skrOpener().open(e))).isEqualTo(Reason.SIGNATURE_INVALID);
  }

  private static Mutated raw(byte[] bytes) {
    try {
      return new Mutated(Envelope.parseFrom(bytes), false);
    } catch (InvalidProtocolBufferException e) {
      return null;
    }
  }

  private interface Call {
    void run() throws WireException;
  }

  /** True if the call passed; false if it was refused with a reason and a sentence. */
  private static boolean accepted(Call call) {
    try {
      call.run();
      return true;
    } catch (WireException e) {
      assertThat(e.reason()).isNotNull();
      assertThat(e.getMessage()).isNotBlank();
      return false;
    }
  }

  static boolean sameSignedContent(Envelope e, Envelope original) {
    return e.getHeader().equals(original.getHeader())
        && e.getEnc().equals(original.getEnc())
        && e.getCiphertext().equals(original.getCiphertext());
  }

  /** An envelope after mutation; {@code resigned} if the mutation signed it again validly. */
  record Mutated(Envelope envelope, boolean resigned) {}

  /** The mutation programs: what the fuzzer's bytes mean. */
  static final class EnvelopeMutations {
    private EnvelopeMutations() {}

    static Mutated apply(Envelope original, FuzzedDataProvider data) throws Exception {
      return switch (data.consumeInt(0, 5)) {
        case 0 -> flipBytes(original, data);
        case 1 -> new Mutated(F.resignAsIce(original, h -> changeHeader(h, data)), true);
        case 2 -> replacePart(original, data);
        case 3 -> new Mutated(changeSignature(original, data), false);
        case 4 -> new Mutated(editedSignerCertificate(original, data), true);
        default -> new Mutated(original, false);
      };
    }

    /** Up to 8 byte edits of the serialised envelope, as received off the wire. */
    private static Mutated flipBytes(Envelope original, FuzzedDataProvider data) {
      byte[] wire = original.toByteArray();
      int edits = data.consumeInt(1, 8);
      for (int i = 0; i < edits; i++) {
        int at = data.consumeInt(0, wire.length - 1);
        wire[at] ^= data.consumeByte();
      }
      return raw(wire);
    }

    private static void changeHeader(Header.Builder h, FuzzedDataProvider data) {
      switch (data.consumeInt(0, 17)) {
        case 0 -> h.setProtocolVersion(data.consumeInt());
        case 1 -> h.setSuite(data.consumeString(64));
        case 2 -> h.setSenderAgency(data.consumeString(32));
        case 3 -> h.setSenderNode(data.consumeString(32));
        case 4 -> h.setRecipientAgency(data.consumeString(32));
        case 5 -> h.setRecipientNode(data.consumeString(32));
        case 6 -> h.setMessageId(data.consumeString(40));
        case 7 -> h.setCreatedAtMs(h.getCreatedAtMs() + data.consumeLong());
        case 8 -> h.setExpiresAtMs(h.getExpiresAtMs() + data.consumeLong());
        case 9 -> h.setContentType(data.consumeString(64));
        case 10 -> h.setRecipientKeyId(data.consumeString(70));
        case 11 -> h.setRequestHash(ByteString.copyFrom(data.consumeBytes(40)));
        case 12 -> h.setSession(session(h.getSession(), data));
        case 13 -> h.clearSession();
        case 14 -> h.setAgreementId(data.consumeString(32)).setPurpose(data.consumeString(32));
        case 15 -> h.setAuditCheckpoint(ByteString.copyFrom(data.consumeBytes(200)));
        case 16 ->
            h.setUnknownFields(
                UnknownFieldSet.newBuilder()
                    .addField(
                        data.consumeInt(20, 10_000),
                        UnknownFieldSet.Field.newBuilder()
                            .addLengthDelimited(ByteString.copyFrom(data.consumeBytes(64)))
                            .build())
                    .build());
        default -> h.setSignerKeyId(data.consumeString(70));
      }
    }

    private static SessionRef session(SessionRef s, FuzzedDataProvider data) {
      return switch (data.consumeInt(0, 2)) {
        case 0 -> s.toBuilder().setSequence(data.consumeLong()).build();
        case 1 -> s.toBuilder().setSessionId(ByteString.copyFrom(data.consumeBytes(40))).build();
        default -> s.toBuilder().setEnc(ByteString.copyFrom(data.consumeBytes(80))).build();
      };
    }

    /** Replaces enc or ciphertext with fuzzed bytes; half the time signs the result again. */
    private static Mutated replacePart(Envelope original, FuzzedDataProvider data)
        throws Exception {
      boolean resign = data.consumeBoolean();
      boolean enc = data.consumeBoolean();
      ByteString bytes = ByteString.copyFrom(data.consumeBytes(enc ? 80 : 400));
      Envelope changed =
          enc
              ? original.toBuilder().setEnc(bytes).build()
              : original.toBuilder().setCiphertext(bytes).build();
      return resign
          ? new Mutated(F.resignAsIce(changed, h -> {}), true)
          : new Mutated(changed, false);
    }

    /**
     * The sender's signing certificate with byte edits, named by the header's signer key id and
     * signed with the sender's key: reaches the certificate and key decoding behind the id check.
     */
    private static Envelope editedSignerCertificate(Envelope original, FuzzedDataProvider data)
        throws Exception {
      byte[] der = encoded(F.iceNode.signingCertificate());
      int edits = data.consumeInt(1, 4);
      for (int i = 0; i < edits; i++) {
        der[data.consumeInt(0, der.length - 1)] ^= data.consumeByte();
      }
      return signedNaming(original, der);
    }

    /** Changes the signature part, which the signature itself does not cover. */
    private static Envelope changeSignature(Envelope original, FuzzedDataProvider data) {
      Signature s = original.getSignature();
      Signature.Builder b = s.toBuilder();
      switch (data.consumeInt(0, 6)) {
        case 0 -> b.setSignerCertificate(ByteString.copyFrom(data.consumeBytes(1200)));
        case 1 -> b.setSingle(ByteString.copyFrom(data.consumeBytes(80)));
        case 2 ->
            b.setSignerCertificate(
                ByteString.copyFrom(
                    encoded(
                        data.consumeBoolean()
                            ? F.skrNode.signingCertificate()
                            : F.iceNode.encryptionCertificate())));
        case 3 -> b.setBatch(batch(s.getBatch(), data));
        case 4 -> b.clearSingle().clearBatch();
        case 5 -> b.setBatch(BATCH_MEMBER.getSignature().getBatch());
        default -> b.setSingle(SINGLE.getSignature().getSingle());
      }
      return original.toBuilder().setSignature(b).build();
    }

    private static BatchSignature batch(BatchSignature s, FuzzedDataProvider data) {
      BatchSignature.Builder b = s.toBuilder();
      switch (data.consumeInt(0, 3)) {
        case 0 -> b.setLeafIndex(data.consumeLong());
        case 1 -> b.setTreeSize(data.consumeLong());
        case 2 -> b.addAuditPath(ByteString.copyFrom(data.consumeBytes(33)));
        default -> b.setRootSignature(ByteString.copyFrom(data.consumeBytes(80)));
      }
      return b.build();
    }

    private static byte[] encoded(java.security.cert.X509Certificate c) {
      try {
        return c.getEncoded();
      } catch (java.security.cert.CertificateEncodingException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}

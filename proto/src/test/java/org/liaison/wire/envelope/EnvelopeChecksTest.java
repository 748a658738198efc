package org.liaison.wire.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;
import org.liaison.wire.crypto.Ecdsa;
import org.liaison.wire.pki.NodeCredentials;
import org.liaison.wire.pki.TestPki;
import org.liaison.wire.pki.TrustDirectory;
import org.liaison.wire.v1.Envelope;
import org.liaison.wire.v1.Reason;

/**
 * Each check breaks exactly one thing and must see exactly its reason, both at the gateway
 * (verifier) and at the recipient node (opener) where the check applies to both.
 */
class EnvelopeChecksTest {

  private static final byte[] PAYLOAD = "who is Ivan Petrov?".getBytes(StandardCharsets.UTF_8);
  private final TwoAgencies f = new TwoAgencies();

  private Envelope request() throws Exception {
    return f.iceSealer().seal(TwoAgencies.toSkr("liaison.v1.QueryRequest"), PAYLOAD);
  }

  private static Reason reason(ThrowingCall call) {
    WireException e = catchThrowableOfType(WireException.class, call::run);
    assertThat(e).as("expected a WireException").isNotNull();
    assertThat(e.getMessage()).isNotBlank();
    return e.reason();
  }

  interface ThrowingCall {
    void run() throws Exception;
  }

  private void refusedEverywhere(Envelope e, Reason expected) throws Exception {
    assertThat(reason(() -> f.skrGateway().verify(e))).as("gateway").isEqualTo(expected);
    assertThat(reason(() -> f.skrOpener().open(e))).as("node").isEqualTo(expected);
  }

  @Test
  void open_roundTripAndGatewayVerify() throws Exception {
    Envelope e = request();
    VerifiedEnvelope v = f.skrGateway().verify(e);
    assertThat(v.header().getSenderAgency()).isEqualTo("us.ice");
    OpenedEnvelope o = f.skrOpener().open(e);
    assertThat(o.payload()).isEqualTo(PAYLOAD);
    assertThat(o.header().getPurpose()).isEqualTo("HUMAN_TRAFFICKING");
    assertThat(o.signerCertificate()).isEqualTo(f.iceNode.signingCertificate());
    assertThat(o.signedContentHash()).isEqualTo(v.signedContentHash());
  }

  @Test
  void check_malformedHeader() throws Exception {
    Envelope e =
        request().toBuilder().setHeader(ByteString.copyFrom(new byte[] {(byte) 0xff})).build();
    refusedEverywhere(e, Reason.MALFORMED_ENVELOPE);
  }

  @Test
  void check_unsupportedVersion() throws Exception {
    refusedEverywhere(
        f.resignAsIce(request(), h -> h.setProtocolVersion(2)), Reason.UNSUPPORTED_VERSION);
  }

  @Test
  void check_unsupportedSuite() throws Exception {
    refusedEverywhere(
        f.resignAsIce(
            request(), h -> h.setSuite("LIAISON-1/ECDSA-P256-SHA256/HPKE-P256-SHA256-AES128GCM")),
        Reason.UNSUPPORTED_ALGORITHM);
  }

  @Test
  void check_wrongRecipient_namesWhatTheEnvelopeIsAddressedTo() throws Exception {
    Envelope e = request();
    EnvelopeVerifier fbiGateway =
        EnvelopeVerifier.builder(f.directory()).clock(f.clock).recipientAgency("us.fbi").build();
    EnvelopeOpener otherNode =
        EnvelopeOpener.builder(f.skrNode2, f.directory()).clock(f.clock).build();

    assertThat(catchThrowableOfType(WireException.class, () -> fbiGateway.verify(e)))
        .hasMessage("Envelope is addressed to agency 'ru.skr', not to us.fbi.");
    assertThat(catchThrowableOfType(WireException.class, () -> otherNode.open(e)))
        .hasMessage("Envelope is addressed to node 'node-1', not to node-2.");
  }

  @Test
  void check_wrongRecipient() throws Exception {
    Envelope e = request();
    EnvelopeVerifier fbiGateway =
        EnvelopeVerifier.builder(f.directory()).clock(f.clock).recipientAgency("us.fbi").build();
    assertThat(reason(() -> fbiGateway.verify(e))).isEqualTo(Reason.WRONG_RECIPIENT);
    EnvelopeOpener otherNode =
        EnvelopeOpener.builder(f.skrNode2, f.directory()).clock(f.clock).build();
    assertThat(reason(() -> otherNode.open(e))).isEqualTo(Reason.WRONG_RECIPIENT);
    Envelope staleKey = f.resignAsIce(e, h -> h.setRecipientKeyId("ab".repeat(32)));
    assertThat(reason(() -> f.skrOpener().open(staleKey))).isEqualTo(Reason.WRONG_RECIPIENT);
  }

  @Test
  void check_expired() throws Exception {
    Envelope e = request();
    f.clock.advance(Duration.ofMinutes(6));
    refusedEverywhere(e, Reason.MESSAGE_EXPIRED);
  }

  @Test
  void check_notYetValid() throws Exception {
    Envelope e = request();
    f.clock.advance(Duration.ofSeconds(-31));
    refusedEverywhere(e, Reason.MESSAGE_NOT_YET_VALID);
  }

  @Test
  void check_withinSkewIsAccepted() throws Exception {
    Envelope e = request();
    f.clock.advance(Duration.ofSeconds(-29));
    assertThat(f.skrOpener().open(e).payload()).isEqualTo(PAYLOAD);
  }

  @Test
  void check_olderThanReplayWindowIsClockSkew() throws Exception {
    SealRequest longLived =
        SealRequest.request("ru.skr", "node-1", "a", "p", "c", "o", "t", Duration.ofDays(1));
    Envelope e = f.iceSealer().seal(longLived, PAYLOAD);
    f.clock.advance(Duration.ofMinutes(11));
    refusedEverywhere(e, Reason.CLOCK_SKEW);
  }

  @Test
  void check_replay() throws Exception {
    Envelope e = request();
    EnvelopeOpener node = f.skrOpener();
    EnvelopeVerifier gateway = f.skrGateway();
    gateway.verify(e);
    node.open(e);
    assertThat(reason(() -> gateway.verify(e))).isEqualTo(Reason.REPLAYED_MESSAGE);
    assertThat(reason(() -> node.open(e))).isEqualTo(Reason.REPLAYED_MESSAGE);
  }

  @Test
  void check_forgedEnvelopeDoesNotBurnItsMessageId() throws Exception {
    Envelope e = request();
    EnvelopeOpener node = f.skrOpener();
    Envelope forged = e.toBuilder().setCiphertext(ByteString.copyFrom(new byte[64])).build();
    assertThat(reason(() -> node.open(forged))).isEqualTo(Reason.SIGNATURE_INVALID);
    assertThat(node.open(e).payload()).isEqualTo(PAYLOAD);
  }

  @Test
  void check_signatureInvalid() throws Exception {
    Envelope e = request();
    byte[] sig = e.getSignature().getSingle().toByteArray();
    sig[sig.length - 1] ^= 1;
    Envelope bad =
        e.toBuilder()
            .setSignature(e.getSignature().toBuilder().setSingle(ByteString.copyFrom(sig)))
            .build();
    refusedEverywhere(bad, Reason.SIGNATURE_INVALID);
    Envelope wrongKeyId =
        e.toBuilder()
            .setSignature(
                e.getSignature().toBuilder()
                    .setSignerCertificate(
                        ByteString.copyFrom(f.skrNode.signingCertificate().getEncoded())))
            .build();
    refusedEverywhere(wrongKeyId, Reason.SIGNATURE_INVALID);
  }

  @Test
  void check_signerOfAnotherAgency() throws Exception {
    // SKR's genuine node signs a header claiming to come from ICE.
    Envelope e =
        TwoAgencies.resign(
            request(), h -> {}, f.skrNode.signingKey(), f.skrNode.signingCertificate());
    refusedEverywhere(e, Reason.SIGNER_NOT_OF_SENDER_AGENCY);
  }

  @Test
  void check_signerUnderForeignCa() throws Exception {
    TestPki.Issued impostor = TestPki.agency("us.ice").signing("node-1");
    Envelope e =
        TwoAgencies.resign(request(), h -> {}, impostor.key().getPrivate(), impostor.cert());
    refusedEverywhere(e, Reason.CHAIN_NOT_TO_AGENCY_CA);
  }

  @Test
  void check_signerCertificateExpiredNotYetValidWrongUsage() throws Exception {
    Instant now = f.clock.instant();
    TestPki.Issued expired =
        f.ice.issue(
            "x",
            "us.ice",
            "node",
            TestPki.SIGNING_USAGE,
            now.minus(Duration.ofDays(30)),
            now.minus(Duration.ofDays(1)));
    refusedEverywhere(
        TwoAgencies.resign(request(), h -> {}, expired.key().getPrivate(), expired.cert()),
        Reason.CERTIFICATE_EXPIRED);
    TestPki.Issued future =
        f.ice.issue(
            "x",
            "us.ice",
            "node",
            TestPki.SIGNING_USAGE,
            now.plus(Duration.ofDays(1)),
            now.plus(Duration.ofDays(30)));
    refusedEverywhere(
        TwoAgencies.resign(request(), h -> {}, future.key().getPrivate(), future.cert()),
        Reason.CERTIFICATE_NOT_YET_VALID);
    TestPki.Issued keyAgreement = f.ice.issue("x", "us.ice", "node", KeyUsage.keyAgreement);
    refusedEverywhere(
        TwoAgencies.resign(
            request(), h -> {}, keyAgreement.key().getPrivate(), keyAgreement.cert()),
        Reason.CERTIFICATE_WRONG_ROLE);
  }

  /** Rule 1: every certificate of the sender agency that is not a node signing one is refused. */
  @Test
  void check_signedWithAGatewayOfficerTlsOrSignatoryKey_isWrongRole() throws Exception {
    for (TestPki.Issued other :
        List.of(
            f.ice.tls("gateway.us.ice", "gateway"),
            f.ice.tls("officer-7", "officer"),
            f.ice.tls("node-1.us.ice", "node"),
            f.ice.signatory())) {
      refusedEverywhere(
          TwoAgencies.resign(request(), h -> {}, other.key().getPrivate(), other.cert()),
          Reason.CERTIFICATE_WRONG_ROLE);
    }
  }

  /** Rule 1: a node signs only for itself, even within its agency. */
  @Test
  void check_signedByAnotherNodeOfTheSameAgency_isRefused() throws Exception {
    NodeCredentials node2 = f.ice.node("node-2");
    refusedEverywhere(
        TwoAgencies.resign(request(), h -> {}, node2.signingKey(), node2.signingCertificate()),
        Reason.SIGNER_NOT_SENDER_NODE);
  }

  @Test
  void check_signerRevoked() throws Exception {
    Envelope e = request();
    f.ice.revoke(f.iceNode.signingCertificate());
    refusedEverywhere(e, Reason.CERTIFICATE_REVOKED);
  }

  @Test
  void check_senderAgencyNoLongerTrusted() throws Exception {
    Envelope e = request();
    TrustDirectory onlySkr =
        f.directory()
            .restrictedTo(Map.of("ru.skr", f.directory().caFingerprint("ru.skr").orElseThrow()));
    EnvelopeVerifier gateway = EnvelopeVerifier.builder(onlySkr).clock(f.clock).build();
    assertThat(reason(() -> gateway.verify(e))).isEqualTo(Reason.UNKNOWN_AGENCY);
  }

  @Test
  void check_answerMovedToAnotherRequest() throws Exception {
    EnvelopeSealer ice = f.iceSealer();
    EnvelopeOpener skr = f.skrOpener();
    OpenedEnvelope r1 = skr.open(ice.seal(TwoAgencies.toSkr("q"), PAYLOAD));
    OpenedEnvelope r2 = skr.open(ice.seal(TwoAgencies.toSkr("q"), PAYLOAD));
    Envelope answerToR1 = f.skrSealer().sealAnswer(r1, "a", Duration.ofMinutes(5), new byte[] {7});

    EnvelopeOpener iceNode = f.iceOpener();
    assertThat(reason(() -> iceNode.openAnswer(answerToR1, r2.signedContentHash())))
        .isEqualTo(Reason.ANSWER_NOT_BOUND_TO_REQUEST);
    assertThat(reason(() -> iceNode.open(answerToR1)))
        .isEqualTo(Reason.ANSWER_NOT_BOUND_TO_REQUEST);
    OpenedEnvelope answer = iceNode.openAnswer(answerToR1, r1.signedContentHash());
    assertThat(answer.payload()).containsExactly(7);
    assertThat(answer.header().getCaseReference()).isEqualTo("ICE-2024-0042");
  }

  @Test
  void check_sealedToAnotherKeyFailsDecryption() throws Exception {
    Envelope e = request();
    // A genuine signature over a ciphertext that does not decrypt: the checks pass, decryption
    // does not.
    Envelope swapped =
        f.resignAsIce(
            e.toBuilder()
                .setCiphertext(ByteString.copyFrom(new byte[e.getCiphertext().size()]))
                .build(),
            h -> {});
    assertThat(reason(() -> f.skrOpener().open(swapped))).isEqualTo(Reason.DECRYPTION_FAILED);
  }

  @Test
  void gateway_holdsNoKeyThatOpensPayloads() throws Exception {
    // The verifier is built from public material only; nothing in it can decrypt.
    for (var field : EnvelopeVerifier.class.getDeclaredFields()) {
      assertThat(field.getType().getName())
          .doesNotContain("PrivateKey")
          .doesNotContain("RecipientKey")
          .doesNotContain("NodeCredentials")
          .doesNotContain("ReceiverSessions");
    }
    Envelope e = request();
    VerifiedEnvelope v = f.skrGateway().verify(e);
    assertThat(v.envelope().getCiphertext().toString(StandardCharsets.ISO_8859_1))
        .doesNotContain(new String(PAYLOAD, StandardCharsets.ISO_8859_1));
    // Even another node of the recipient agency cannot open it.
    NodeCredentials other = f.skrNode2;
    EnvelopeOpener spoofed =
        EnvelopeOpener.builder(
                NodeCredentials.of(
                    "ru.skr",
                    "node-1",
                    other.signingKey(),
                    other.signingCertificate(),
                    other.encryptionKey(),
                    other.encryptionCertificate(),
                    null,
                    null),
                f.directory())
            .clock(f.clock)
            .build();
    assertThat(reason(() -> spoofed.open(e))).isEqualTo(Reason.WRONG_RECIPIENT);
  }

  @Test
  void check_unknownSignerCertificateBytes() throws Exception {
    Envelope e = request();
    Envelope junkCert =
        e.toBuilder()
            .setSignature(
                e.getSignature().toBuilder()
                    .setSignerCertificate(ByteString.copyFrom(new byte[] {1, 2, 3})))
            .build();
    refusedEverywhere(junkCert, Reason.SIGNATURE_INVALID);
    assertThat(
            Ecdsa.verify(f.iceNode.signingCertificate().getPublicKey(), new byte[0], new byte[0]))
        .isFalse();
  }
}

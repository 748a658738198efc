package org.liaison.gateway.trust;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.liaison.gateway.relay.InspectedEnvelope;
import org.liaison.gateway.relay.RelayRefusal;
import org.liaison.pki.AgencySpec;
import org.liaison.pki.DevPki;
import org.liaison.pki.PkiLayout;
import org.liaison.wire.envelope.EnvelopeSealer;
import org.liaison.wire.envelope.ReplayGuard;
import org.liaison.wire.envelope.SealRequest;
import org.liaison.wire.pki.NodeCredentials;
import org.liaison.wire.pki.TrustDirectory;
import org.liaison.wire.v1.Envelope;
import org.liaison.wire.v1.Header;
import org.liaison.wire.v1.Signature;

/**
 * Fuzzes what the gateway reads from an envelope it relays ({@link SignedEnvelopeInspector}): a
 * single-signed and a batch-signed envelope from us.ice to ru.skr, sealed with a development PKI
 * made for the run, with fuzzed byte edits or changes to the unsigned signature part; or raw bytes.
 * Only {@link RelayRefusal} with a reason may escape; an envelope passes only with its signed
 * content intact, and then the gateway reports exactly the signed header's routing fields and the
 * sender agency the signer certificate proves.
 */
class EnvelopeInspectionFuzzTest {

  private static final Clock CLOCK = Clock.fixed(java.time.Instant.now(), java.time.ZoneOffset.UTC);
  private static final TrustDirectory DIRECTORY;
  private static final NodeCredentials ICE;
  private static final List<Envelope> SEALED;

  /*
   * One inspector per JVM, as in a running gateway, so that an execution pays for the checks under
   * test and not for validating the same certificates again (cached per inspector). Its replay
   * memory runs on a clock of its own, moved past every remembered id before each execution: every
   * execution starts with none remembered, as a fresh inspector did.
   */
  private static final AtomicReference<Instant> REPLAY_NOW = new AtomicReference<>(CLOCK.instant());
  private static final ReplayGuard REPLAY =
      ReplayGuard.defaults(
          new Clock() {
            @Override
            public Instant instant() {
              return REPLAY_NOW.get();
            }

            @Override
            public ZoneId getZone() {
              return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
              return this;
            }
          });
  private static final SignedEnvelopeInspector INSPECTOR;

  static {
    try {
      Path root = Files.createTempDirectory(Path.of("target"), "fuzz-pki-");
      DevPki.create(
          root,
          List.of(AgencySpec.withDefaults("us.ice"), AgencySpec.withDefaults("ru.skr")),
          Clock.offset(CLOCK, Duration.ofHours(-1)));
      PkiLayout layout = new PkiLayout(root);
      DIRECTORY = TrustDirectory.load(layout.directory());
      ICE = NodeCredentials.load(layout.nodeDir("us.ice", AgencySpec.DEFAULT_NODE));
      EnvelopeSealer sealer = new EnvelopeSealer(ICE, DIRECTORY, CLOCK);
      Envelope single = sealer.seal(request(), "query".getBytes(StandardCharsets.UTF_8));
      List<Envelope> batch =
          new EnvelopeSealer(ICE, DIRECTORY, CLOCK)
              .sealBatch(
                  List.of(
                      new EnvelopeSealer.Outgoing(request(), new byte[] {1}),
                      new EnvelopeSealer.Outgoing(request(), new byte[] {2})));
      SEALED = List.of(single, batch.get(1));
      INSPECTOR = new SignedEnvelopeInspector(DIRECTORY, CLOCK, REPLAY);
    } catch (Exception e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private static SealRequest request() {
    return SealRequest.request(
        "ru.skr",
        AgencySpec.DEFAULT_NODE,
        "ice-skr-2010",
        "HUMAN_TRAFFICKING",
        "ICE-2024-0042",
        "officer-1",
        "liaison.v1.QueryRequest",
        Duration.ofMinutes(5));
  }

  @FuzzTest(maxDuration = "5m")
  void inspect(FuzzedDataProvider data) throws Exception {
    int mode = data.consumeInt(0, 3);
    Envelope original = SEALED.get(data.consumeInt(0, 1));
    Envelope received;
    try {
      received =
          switch (mode) {
            case 0 -> Envelope.parseFrom(edited(original.toByteArray(), data));
            case 1 -> original.toBuilder().setSignature(signature(original, data)).build();
            case 2 -> original;
            default -> Envelope.parseFrom(data.consumeRemainingAsBytes());
          };
    } catch (InvalidProtocolBufferException e) {
      return; // the transport refuses what does not parse
    }
    InspectedEnvelope inspected;
    try {
      forgetReplays();
      inspected = INSPECTOR.inspect(received);
    } catch (RelayRefusal refusal) {
      assertThat(refusal.reason()).isNotNull();
      assertThat(refusal.getMessage()).isNotBlank();
      return;
    }
    assertThat(received.getHeader()).isEqualTo(original.getHeader());
    assertThat(received.getEnc()).isEqualTo(original.getEnc());
    assertThat(received.getCiphertext()).isEqualTo(original.getCiphertext());
    Header h = Header.parseFrom(original.getHeader());
    assertThat(inspected.senderAgency()).isEqualTo("us.ice");
    assertThat(inspected.recipientAgency()).isEqualTo(h.getRecipientAgency());
    assertThat(inspected.recipientNode()).isEqualTo(h.getRecipientNode());
    assertThat(inspected.messageId()).isEqualTo(h.getMessageId());
    assertThat(inspected.agreementId()).isEqualTo(h.getAgreementId());
    assertThat(inspected.sizeBytes()).isEqualTo(received.getSerializedSize());
  }

  /** Every id the inspector remembers is forgotten: its replay clock passes their expiry. */
  private static void forgetReplays() {
    REPLAY_NOW.set(CLOCK.instant().plus(Duration.ofDays(3650)));
    REPLAY.size(); // prunes
    REPLAY_NOW.set(CLOCK.instant());
  }

  private static byte[] edited(byte[] bytes, FuzzedDataProvider data) {
    if (bytes.length == 0) {
      return bytes; // e.g. the batch root signature of a single-signed envelope
    }
    int edits = data.consumeInt(1, 8);
    for (int i = 0; i < edits; i++) {
      bytes[data.consumeInt(0, bytes.length - 1)] ^= data.consumeByte();
    }
    return bytes;
  }

  private static Signature signature(Envelope original, FuzzedDataProvider data) throws Exception {
    Signature.Builder s = original.getSignature().toBuilder();
    switch (data.consumeInt(0, 4)) {
      case 0 ->
          s.setSignerCertificate(
              ByteString.copyFrom(edited(s.getSignerCertificate().toByteArray(), data)));
      case 1 -> s.setSingle(ByteString.copyFrom(data.consumeBytes(80)));
      case 2 ->
          s.setSignerCertificate(ByteString.copyFrom(ICE.encryptionCertificate().getEncoded()));
      case 3 ->
          s.setBatch(
              s.getBatch().toBuilder()
                  .setLeafIndex(data.consumeLong())
                  .setTreeSize(data.consumeLong()));
      default ->
          s.setBatch(
              s.getBatch().toBuilder()
                  .setRootSignature(
                      ByteString.copyFrom(
                          edited(s.getBatch().getRootSignature().toByteArray(), data))));
    }
    return s.build();
  }
}

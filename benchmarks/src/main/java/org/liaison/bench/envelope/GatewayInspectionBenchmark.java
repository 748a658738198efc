package org.liaison.bench.envelope;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.liaison.wire.envelope.EnvelopeSealer;
import org.liaison.wire.envelope.EnvelopeVerifier;
import org.liaison.wire.envelope.ReplayGuard;
import org.liaison.wire.envelope.VerifiedEnvelope;
import org.liaison.wire.envelope.WireException;
import org.liaison.wire.pki.AgencyTrustManager;
import org.liaison.wire.pki.CertificateRole;
import org.liaison.wire.pki.CertificateValidationException;
import org.liaison.wire.v1.Envelope;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What the wire library spends on one envelope in a receiving gateway as it runs (decision 0069):
 * the partner gateway's TLS certificate checked for the call ({@code PeerRevalidation}: a trust
 * manager pinned by agreement to the partner's CA, gateway TLS role), then every key-less check of
 * the envelope by a verifier whose signers are pinned likewise. One gateway for the whole trial, so
 * its caches are warm as they are under load; each invocation checks 500 envelopes freshly sealed
 * outside the measured time (never replays), each signed on its own. The replay guard is the
 * in-memory one: a durable guard's wait for the disk, one {@code fsync} per envelope for a lone
 * caller, is milliseconds on a busy machine and would hide the CPU this measures ({@code
 * ReplayJournalBenchmark} measures that write path).
 *
 * <p>{@code inspectBatchMembers}: the same checks on envelopes sealed in batches of {@link #BATCH}
 * (as concurrent requests are, decision 0064): one ECDSA verification per batch, the rest of each
 * member's checks (parse, hashes of its signed content, audit path, root cache, signer validation,
 * replay guard) per envelope, which is what decision 0072 cut. {@code replayGuard}: the guard's
 * lookup and record of one fresh id, among those of the last tenth of a second.
 *
 * <p>Run: {@code java -jar benchmarks/target/liaison-benchmarks.jar GatewayInspection}. The same
 * benchmark against the wire library of another build: put that build's {@code
 * proto/target/liaison-proto-*.jar} first on the class path ({@code java -cp
 * OTHER/proto/target/liaison-proto-0.1.0-SNAPSHOT.jar:benchmarks/target/liaison-benchmarks.jar
 * org.openjdk.jmh.Main GatewayInspection}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class GatewayInspectionBenchmark {

  static final int PER_INVOCATION = 500;

  /** Envelopes per batch signature: a node under 8 concurrent queries signs about so many. */
  static final int BATCH = 8;

  private Parties parties;
  private EnvelopeSealer sealer;
  private byte[] payload;
  private EnvelopeVerifier gateway;
  private AgencyTrustManager partnerListener;
  private ReplayGuard guard;
  private long nextId;
  private X509Certificate[] partnerGateway;

  @Setup(Level.Trial)
  public void gateway() {
    parties = Parties.create();
    sealer = parties.sealer();
    payload = new byte[EnvelopeBenchmark.PAYLOAD_BYTES];
    ThreadLocalRandom.current().nextBytes(payload);
    String senderCa = parties.directory.caFingerprint(Parties.SENDER).orElseThrow();
    Map<String, Set<String>> pins = Map.of(Parties.SENDER, Set.of(senderCa));
    gateway =
        EnvelopeVerifier.builder(parties.directory.pinnedTo(() -> pins, Parties.RECIPIENT))
            .recipientAgency(Parties.RECIPIENT)
            .replayGuard(ReplayGuard.defaults(Clock.systemUTC()))
            .build();
    partnerListener =
        AgencyTrustManager.pinned(
            parties.directory, () -> pins, CertificateRole.GATEWAY_TLS, Clock.systemUTC());
    partnerGateway = new X509Certificate[] {parties.senderGatewayTls};
    guard = ReplayGuard.defaults(Clock.systemUTC());
  }

  /** The envelopes of one invocation, sealed before it is timed. */
  @State(Scope.Thread)
  public static class Fresh {
    public final List<Envelope> envelopes = new ArrayList<>(PER_INVOCATION);

    @Setup(Level.Invocation)
    public void seal(GatewayInspectionBenchmark b) throws WireException {
      envelopes.clear();
      for (int i = 0; i < PER_INVOCATION; i++) {
        envelopes.add(b.sealer.seal(Parties.request(), b.payload));
      }
    }
  }

  /** The envelopes of one invocation sealed in batches of {@link #BATCH}, before it is timed. */
  @State(Scope.Thread)
  public static class FreshBatches {
    public final List<Envelope> envelopes = new ArrayList<>(PER_INVOCATION);

    @Setup(Level.Invocation)
    public void seal(GatewayInspectionBenchmark b) throws WireException {
      envelopes.clear();
      List<EnvelopeSealer.Outgoing> batch = new ArrayList<>(BATCH);
      for (int i = 0; i < PER_INVOCATION; i++) {
        batch.add(new EnvelopeSealer.Outgoing(Parties.request(), b.payload));
        if (batch.size() == BATCH || i == PER_INVOCATION - 1) {
          envelopes.addAll(b.sealer.sealBatch(batch));
          batch.clear();
        }
      }
    }
  }

  /** A gateway's inbound path for envelopes of batches: one signature verified per batch. */
  @Benchmark
  @OperationsPerInvocation(PER_INVOCATION)
  public void inspectBatchMembers(FreshBatches fresh, Blackhole bh)
      throws WireException, CertificateValidationException {
    for (Envelope e : fresh.envelopes) {
      bh.consume(inbound(e));
    }
  }

  /** The replay guard's part of an accepted envelope: is the id new, then remember it. */
  @Benchmark
  public ReplayGuard.Outcome replayGuard() {
    return rememberFresh(Long.toString(nextId++));
  }

  ReplayGuard.Outcome rememberFresh(String id) {
    if (guard.seen(id)) {
      throw new IllegalStateException("a fresh id was seen");
    }
    // remembered for 100 ms: the guard holds the ids of the last tenth of a second, never full
    return guard.record(id, java.time.Instant.now().plusMillis(100));
  }

  /** The partner's TLS certificate for the call, then the envelope: a gateway's inbound path. */
  @Benchmark
  @OperationsPerInvocation(PER_INVOCATION)
  public void inspect(Fresh fresh, Blackhole bh)
      throws WireException, CertificateValidationException {
    for (Envelope e : fresh.envelopes) {
      bh.consume(inbound(e));
    }
  }

  /**
   * One envelope on a gateway's inbound path: the call's TLS peer checked, the envelope verified.
   */
  VerifiedEnvelope inbound(Envelope e) throws WireException, CertificateValidationException {
    partnerListener.check(partnerGateway);
    return gateway.verify(e);
  }

  /** The TLS peer's certificate check alone, as every call on a listener makes it. */
  @Benchmark
  public String peerCheck() throws CertificateValidationException {
    return partnerListener.check(partnerGateway);
  }
}

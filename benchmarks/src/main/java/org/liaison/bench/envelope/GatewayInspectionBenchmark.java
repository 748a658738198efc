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

  private Parties parties;
  private EnvelopeSealer sealer;
  private byte[] payload;
  private EnvelopeVerifier gateway;
  private AgencyTrustManager partnerListener;
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
  }

  /** The envelopes of one invocation, sealed before it is timed. */
  @State(Scope.Thread)
  public static class Fresh {
    final List<Envelope> envelopes = new ArrayList<>(PER_INVOCATION);

    @Setup(Level.Invocation)
    public void seal(GatewayInspectionBenchmark b) throws WireException {
      envelopes.clear();
      for (int i = 0; i < PER_INVOCATION; i++) {
        envelopes.add(b.sealer.seal(Parties.request(), b.payload));
      }
    }
  }

  /** The partner's TLS certificate for the call, then the envelope: a gateway's inbound path. */
  @Benchmark
  @OperationsPerInvocation(PER_INVOCATION)
  public void inspect(Fresh fresh, Blackhole bh)
      throws WireException, CertificateValidationException {
    for (Envelope e : fresh.envelopes) {
      bh.consume(partnerListener.check(partnerGateway));
      bh.consume(gateway.verify(e));
    }
  }

  /** The TLS peer's certificate check alone, as every call on a listener makes it. */
  @Benchmark
  public String peerCheck() throws CertificateValidationException {
    return partnerListener.check(partnerGateway);
  }
}

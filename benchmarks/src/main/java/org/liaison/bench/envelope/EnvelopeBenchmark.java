package org.liaison.bench.envelope;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.liaison.wire.envelope.EnvelopeOpener;
import org.liaison.wire.envelope.EnvelopeSealer;
import org.liaison.wire.envelope.EnvelopeVerifier;
import org.liaison.wire.envelope.OpenedEnvelope;
import org.liaison.wire.envelope.VerifiedEnvelope;
import org.liaison.wire.envelope.WireException;
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
 * Cost per 1 KiB message of sealing at the sender and opening at the recipient node, for the three
 * ways of sealing, and of the recipient gateway's key-less verification alone. Times are per
 * message (batches divide by their size).
 *
 * <ul>
 *   <li>{@code single}: HPKE encapsulation + ECDSA signature per message, decapsulation +
 *       verification per message;
 *   <li>{@code session}: amortised HPKE (one AES-GCM seal/open under the per-peer session key),
 *       still one ECDSA signature and verification per message;
 *   <li>{@code batchN}: amortised HPKE and one ECDSA signature over the Merkle root of N messages;
 *       the opener verifies the root once and the audit path of each member.
 * </ul>
 *
 * Run: {@code java -jar benchmarks/target/liaison-benchmarks.jar Envelope}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EnvelopeBenchmark {

  static final int PAYLOAD_BYTES = 1024;

  private EnvelopeSealer sealer;
  private EnvelopeOpener opener;
  private Parties parties;
  private byte[] payload;
  private Envelope sealedSingle;
  private Envelope warmUp;
  private List<Envelope> sealedBatch64;

  @Setup(Level.Trial)
  public void keys() {
    parties = Parties.create();
    payload = new byte[PAYLOAD_BYTES];
    ThreadLocalRandom.current().nextBytes(payload);
  }

  /** Fresh sender and receiver state each iteration: replay guard and sessions start empty. */
  @Setup(Level.Iteration)
  public void parties() throws WireException {
    sealer = parties.sealer();
    opener = parties.opener();
    sealedSingle = sealer.seal(Parties.request(), payload);
    warmUp = sealer.seal(Parties.request(), payload);
    sealedBatch64 = sealer.sealBatch(messages(64));
  }

  private List<EnvelopeSealer.Outgoing> messages(int n) {
    List<EnvelopeSealer.Outgoing> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(new EnvelopeSealer.Outgoing(Parties.request(), payload));
    }
    return out;
  }

  @Benchmark
  public byte[] single() throws WireException {
    return opener.open(sealer.seal(Parties.request(), payload)).payload();
  }

  @Benchmark
  public byte[] session() throws WireException {
    return opener.open(sealer.sealBatch(messages(1)).get(0)).payload();
  }

  @Benchmark
  @OperationsPerInvocation(16)
  public void batch16(Blackhole bh) throws WireException {
    sealAndOpen(16, bh);
  }

  @Benchmark
  @OperationsPerInvocation(64)
  public void batch64(Blackhole bh) throws WireException {
    sealAndOpen(64, bh);
  }

  private void sealAndOpen(int n, Blackhole bh) throws WireException {
    for (Envelope e : sealer.sealBatch(messages(n))) {
      OpenedEnvelope o = opener.open(e);
      bh.consume(o.payload());
    }
  }

  /**
   * A gateway as it runs: its certificate caches (chain and CRL signatures) are warm. Made anew
   * before each call, outside the measured time, so the envelopes verified are never replays.
   */
  @State(Scope.Thread)
  public static class WarmGateway {
    EnvelopeVerifier verifier;

    @Setup(Level.Invocation)
    public void warm(EnvelopeBenchmark b) throws WireException {
      verifier = b.parties.gateway();
      verifier.verify(b.warmUp);
    }
  }

  /** The recipient gateway's check of one single-signed envelope: times, signature, signer. */
  @Benchmark
  public VerifiedEnvelope gatewayVerifySingle(WarmGateway gateway) throws WireException {
    return gateway.verifier.verify(sealedSingle);
  }

  /** The gateway's check of the 64 members of a batch: one root signature, 64 audit paths. */
  @Benchmark
  @OperationsPerInvocation(64)
  public void gatewayVerifyBatch64(WarmGateway gateway, Blackhole bh) throws WireException {
    for (Envelope e : sealedBatch64) {
      bh.consume(gateway.verifier.verify(e));
    }
  }
}

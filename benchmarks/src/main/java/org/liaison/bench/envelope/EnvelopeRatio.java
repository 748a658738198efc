package org.liaison.bench.envelope;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.liaison.wire.envelope.EnvelopeOpener;
import org.liaison.wire.envelope.EnvelopeSealer;
import org.liaison.wire.envelope.WireException;
import org.liaison.wire.v1.Envelope;

/**
 * A quick look without JMH: µs per 1 KiB message to seal and open, single vs session vs batch of
 * 64, and the ratios. Reports the calling thread's CPU time next to wall time: on a machine shared
 * with other work, CPU time per message is the stable figure. Usage: {@code java -cp
 * benchmarks/target/liaison-benchmarks.jar org.liaison.bench.envelope.EnvelopeRatio [messages]}.
 */
public final class EnvelopeRatio {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private EnvelopeRatio() {}

  /** µs per message, wall clock and this thread's CPU. */
  private record Cost(double wallUs, double cpuUs) {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    Parties parties = Parties.create();
    byte[] payload = new byte[EnvelopeBenchmark.PAYLOAD_BYTES];
    ThreadLocalRandom.current().nextBytes(payload);

    Round single = r -> r.opener.open(r.sealer.seal(Parties.request(), r.payload)).payload();
    Round session = r -> r.opener.open(r.sealer.sealBatch(List.of(r.one())).get(0)).payload();
    for (int pass = 0; pass < 2; pass++) { // the first pass warms the JIT up
      Cost s = perMessage(parties, payload, n, single);
      Cost a = perMessage(parties, payload, n, session);
      Cost b = perMessageBatched(parties, payload, n, 64);
      if (pass == 1) {
        System.out.printf(
            "%d messages of %d bytes, seal + open, µs per message (wall / thread CPU):%n",
            n, payload.length);
        print("single (HPKE + ECDSA per message)", s, s);
        print("session (amortised HPKE)", a, s);
        print("batch of 64 (one signature)", b, s);
      }
    }
  }

  private static void print(String what, Cost c, Cost single) {
    System.out.printf(
        "  %-35s %9.1f / %9.1f   single/this (CPU) %.2fx%n",
        what, c.wallUs, c.cpuUs, single.cpuUs / c.cpuUs);
  }

  private interface Round {
    byte[] run(Run r) throws WireException;
  }

  private record Run(EnvelopeSealer sealer, EnvelopeOpener opener, byte[] payload) {
    EnvelopeSealer.Outgoing one() {
      return new EnvelopeSealer.Outgoing(Parties.request(), payload);
    }
  }

  private static Cost perMessage(Parties parties, byte[] payload, int n, Round round)
      throws WireException {
    Run r = new Run(parties.sealer(), parties.opener(), payload);
    long sink = 0;
    long w0 = System.nanoTime();
    long c0 = THREADS.getCurrentThreadCpuTime();
    for (int i = 0; i < n; i++) {
      sink += round.run(r).length;
    }
    Cost cost = cost(w0, c0, n);
    check(sink, n, payload);
    return cost;
  }

  private static Cost perMessageBatched(Parties parties, byte[] payload, int n, int size)
      throws WireException {
    Run r = new Run(parties.sealer(), parties.opener(), payload);
    int batches = Math.max(1, n / size);
    long sink = 0;
    long w0 = System.nanoTime();
    long c0 = THREADS.getCurrentThreadCpuTime();
    for (int i = 0; i < batches; i++) {
      List<EnvelopeSealer.Outgoing> out = new ArrayList<>(size);
      for (int j = 0; j < size; j++) {
        out.add(r.one());
      }
      for (Envelope e : r.sealer.sealBatch(out)) {
        sink += r.opener.open(e).payload().length;
      }
    }
    Cost cost = cost(w0, c0, batches * size);
    check(sink, batches * size, payload);
    return cost;
  }

  private static Cost cost(long wallStart, long cpuStart, int messages) {
    long cpu = THREADS.getCurrentThreadCpuTime() - cpuStart;
    long wall = System.nanoTime() - wallStart;
    return new Cost(wall / 1000.0 / messages, cpu / 1000.0 / messages);
  }

  private static void check(long sink, int n, byte[] payload) {
    if (sink != (long) n * payload.length) {
      throw new IllegalStateException("a message did not round-trip");
    }
  }
}

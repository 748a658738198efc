package org.liaison.bench.envelope;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.liaison.wire.envelope.EnvelopeOpener;
import org.liaison.wire.envelope.EnvelopeSealer;
import org.liaison.wire.envelope.WireException;
import org.liaison.wire.v1.Envelope;

/**
 * A quick look without JMH: µs per 1 KiB message to seal and open, single vs session vs batch
 * of 64, and the ratios. Usage: {@code java -cp benchmarks/target/liaison-benchmarks.jar
 * org.liaison.bench.envelope.EnvelopeRatio [messages]}.
 */
public final class EnvelopeRatio {

  private EnvelopeRatio() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    Parties parties = Parties.create();
    byte[] payload = new byte[EnvelopeBenchmark.PAYLOAD_BYTES];
    ThreadLocalRandom.current().nextBytes(payload);

    Round single = p -> p.opener.open(p.sealer.seal(Parties.request(), p.payload)).payload();
    Round session =
        p -> p.opener.open(p.sealer.sealBatch(List.of(p.one())).get(0)).payload();
    for (int pass = 0; pass < 2; pass++) { // the first pass warms the JIT up
      double s = perMessage(parties, payload, n, single);
      double a = perMessage(parties, payload, n, session);
      double b = perMessageBatched(parties, payload, n, 64);
      if (pass == 1) {
        System.out.printf("%d messages of %d bytes, seal + open, µs per message:%n", n,
            payload.length);
        System.out.printf("  single (HPKE + ECDSA per message) %9.1f%n", s);
        System.out.printf("  session (amortised HPKE)          %9.1f   single/session %.2fx%n",
            a, s / a);
        System.out.printf("  batch of 64 (one signature)       %9.1f   single/batch64 %.2fx%n",
            b, s / b);
      }
    }
  }

  private interface Round {
    byte[] run(Run r) throws WireException;
  }

  private record Run(EnvelopeSealer sealer, EnvelopeOpener opener, byte[] payload) {
    EnvelopeSealer.Outgoing one() {
      return new EnvelopeSealer.Outgoing(Parties.request(), payload);
    }
  }

  private static double perMessage(Parties parties, byte[] payload, int n, Round round)
      throws WireException {
    Run r = new Run(parties.sealer(), parties.opener(), payload);
    long sink = 0;
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      sink += round.run(r).length;
    }
    long t1 = System.nanoTime();
    check(sink, n, payload);
    return (t1 - t0) / 1000.0 / n;
  }

  private static double perMessageBatched(Parties parties, byte[] payload, int n, int size)
      throws WireException {
    Run r = new Run(parties.sealer(), parties.opener(), payload);
    int batches = Math.max(1, n / size);
    long sink = 0;
    long t0 = System.nanoTime();
    for (int i = 0; i < batches; i++) {
      List<EnvelopeSealer.Outgoing> out = new ArrayList<>(size);
      for (int j = 0; j < size; j++) {
        out.add(r.one());
      }
      for (Envelope e : r.sealer.sealBatch(out)) {
        sink += r.opener.open(e).payload().length;
      }
    }
    long t1 = System.nanoTime();
    check(sink, batches * size, payload);
    return (t1 - t0) / 1000.0 / (batches * size);
  }

  private static void check(long sink, int n, byte[] payload) {
    if (sink != (long) n * payload.length) {
      throw new IllegalStateException("a message did not round-trip");
    }
  }
}

package org.liaison.bench.envelope;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import org.liaison.wire.v1.Envelope;

/**
 * The CPU time (of the measuring thread, so other processes on a busy machine do not count) of
 * {@link GatewayInspectionBenchmark}'s paths per envelope: single-signed envelopes, members of
 * batches of {@link GatewayInspectionBenchmark#BATCH}, and the replay guard's part. Prints the
 * median of the rounds after the first third (JIT warm-up). Usage: {@code java -cp
 * benchmarks/target/liaison-benchmarks.jar org.liaison.bench.envelope.GatewayInspectionCost
 * [rounds]}; against another build's wire library, put its {@code proto/target/liaison-proto-*.jar}
 * first on the class path.
 */
public final class GatewayInspectionCost {
  private GatewayInspectionCost() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    GatewayInspectionBenchmark b = new GatewayInspectionBenchmark();
    b.gateway();
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    double[] single = new double[rounds];
    double[] member = new double[rounds];
    double[] guard = new double[rounds];
    long sink = 0;
    long id = 0;
    for (int r = 0; r < rounds; r++) {
      GatewayInspectionBenchmark.Fresh fresh = new GatewayInspectionBenchmark.Fresh();
      fresh.seal(b);
      GatewayInspectionBenchmark.FreshBatches batches =
          new GatewayInspectionBenchmark.FreshBatches();
      batches.seal(b);
      long c0 = cpu.getCurrentThreadCpuTime();
      sink += inspect(b, fresh.envelopes);
      long c1 = cpu.getCurrentThreadCpuTime();
      sink += inspect(b, batches.envelopes);
      long c2 = cpu.getCurrentThreadCpuTime();
      for (int i = 0; i < 10_000; i++) {
        sink += b.rememberFresh("r" + id++).ordinal();
      }
      long c3 = cpu.getCurrentThreadCpuTime();
      single[r] = (c1 - c0) / 1e3 / fresh.envelopes.size();
      member[r] = (c2 - c1) / 1e3 / batches.envelopes.size();
      guard[r] = (c3 - c2) / 1e3 / 10_000;
    }
    System.out.printf(
        "CPU per envelope (median of rounds %d-%d): single-signed %.1f us, batch member %.1f us,"
            + " replay guard %.2f us (%d)%n",
        rounds / 3 + 1,
        rounds,
        median(single, rounds),
        median(member, rounds),
        median(guard, rounds),
        sink % 10);
  }

  private static long inspect(GatewayInspectionBenchmark b, List<Envelope> envelopes)
      throws Exception {
    long n = 0;
    for (Envelope e : envelopes) {
      n += b.inbound(e).header().getMessageId().length();
    }
    return n;
  }

  private static double median(double[] all, int rounds) {
    double[] warm = Arrays.copyOfRange(all, rounds / 3, rounds);
    Arrays.sort(warm);
    return warm[warm.length / 2];
  }
}

package org.liaison.bench.load;

import java.util.Arrays;

/**
 * The latencies of a run of calls, sorted: the one definition of the percentiles every load tool
 * prints. A percentile is the nearest rank: p99 of 100 calls is the 99th fastest, of 2,000 calls
 * the 1,980th.
 */
public final class Latencies {
  private final long[] sortedNanos;

  private Latencies(long[] sortedNanos) {
    this.sortedNanos = sortedNanos;
  }

  /** The latencies given (in nanoseconds, any order; the array is not changed). */
  public static Latencies of(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return new Latencies(sorted);
  }

  /** Times {@code samples} calls made one after another; a failed call fails the run. */
  public static Latencies timeSequential(int samples, Call call) throws Exception {
    long[] nanos = new long[samples];
    for (int i = 0; i < samples; i++) {
      long t = System.nanoTime();
      call.run();
      nanos[i] = System.nanoTime() - t;
    }
    return of(nanos);
  }

  public int count() {
    return sortedNanos.length;
  }

  /** The latency at percentile {@code p} (0 < p <= 100) in milliseconds; 0 when there were none. */
  public double percentileMs(double p) {
    if (!(p > 0 && p <= 100)) {
      throw new IllegalArgumentException("a percentile lies in (0, 100], was " + p);
    }
    if (sortedNanos.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(sortedNanos.length * p / 100);
    return sortedNanos[Math.max(rank, 1) - 1] / 1e6;
  }

  /** The median: for an even count, the upper of the two middle values. */
  public double p50Ms() {
    return sortedNanos.length == 0 ? 0 : sortedNanos[sortedNanos.length / 2] / 1e6;
  }

  public double p99Ms() {
    return percentileMs(99);
  }

  public double maxMs() {
    return sortedNanos.length == 0 ? 0 : sortedNanos[sortedNanos.length - 1] / 1e6;
  }
}

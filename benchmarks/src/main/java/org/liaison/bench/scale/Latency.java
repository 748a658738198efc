package org.liaison.bench.scale;

import java.util.Arrays;

/** Latency of one kind of call, one call at a time: p50 and p99 after a warm-up. */
record Latency(int samples, double firstMs, double p50Ms, double p99Ms, double maxMs) {
  interface Call {
    void run() throws Exception;
  }

  /**
   * Times the first call (which may build caches, such as a partner's filter), warms up with a
   * quarter as many calls, then times {@code samples} calls.
   */
  static Latency measure(int samples, Call call) throws Exception {
    long first = System.nanoTime();
    call.run();
    double firstMs = (System.nanoTime() - first) / 1e6;
    for (int i = 0; i < Math.max(10, samples / 4); i++) {
      call.run();
    }
    long[] nanos = new long[samples];
    for (int i = 0; i < samples; i++) {
      long t = System.nanoTime();
      call.run();
      nanos[i] = System.nanoTime() - t;
    }
    Arrays.sort(nanos);
    return new Latency(
        samples,
        firstMs,
        nanos[samples / 2] / 1e6,
        nanos[Math.min(samples - 1, (int) Math.ceil(samples * 0.99) - 1)] / 1e6,
        nanos[samples - 1] / 1e6);
  }
}

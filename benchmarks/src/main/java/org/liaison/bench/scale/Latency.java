package org.liaison.bench.scale;

import org.liaison.bench.load.Call;
import org.liaison.bench.load.Latencies;

/** Latency of one kind of call, one call at a time: p50 and p99 after a warm-up. */
record Latency(int samples, double firstMs, double p50Ms, double p99Ms, double maxMs) {
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
    Latencies l = Latencies.timeSequential(samples, call);
    return new Latency(samples, firstMs, l.p50Ms(), l.p99Ms(), l.maxMs());
  }
}

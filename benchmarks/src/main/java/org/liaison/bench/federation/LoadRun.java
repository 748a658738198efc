package org.liaison.bench.federation;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Measures one kind of call: latency percentiles one at a time, then throughput under load. */
final class LoadRun {
  interface Call {
    void run() throws Exception;
  }

  record Result(String name, double p50Ms, double p99Ms, double callsPerSecond, long errors) {
    String line() {
      return String.format(
          "%-34s p50 %7.3f ms   p99 %7.3f ms   %8.0f calls/s   errors %d",
          name, p50Ms, p99Ms, callsPerSecond, errors);
    }
  }

  private LoadRun() {}

  static Result measure(String name, Call call, int warmup, int samples, int threads, long seconds)
      throws Exception {
    for (int i = 0; i < warmup; i++) {
      call.run();
    }
    long[] nanos = new long[samples];
    for (int i = 0; i < samples; i++) {
      long t = System.nanoTime();
      call.run();
      nanos[i] = System.nanoTime() - t;
    }
    Arrays.sort(nanos);
    AtomicLong done = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    CountDownLatch finished = new CountDownLatch(threads);
    long started = System.nanoTime();
    for (int t = 0; t < threads; t++) {
      Thread worker =
          new Thread(
              () -> {
                while (System.nanoTime() < end) {
                  try {
                    call.run();
                    done.incrementAndGet();
                  } catch (Exception e) {
                    errors.incrementAndGet();
                  }
                }
                finished.countDown();
              });
      worker.setDaemon(true);
      worker.start();
    }
    finished.await();
    double elapsed = (System.nanoTime() - started) / 1e9;
    return new Result(
        name,
        nanos[samples / 2] / 1e6,
        nanos[(int) (samples * 0.99)] / 1e6,
        done.get() / elapsed,
        errors.get());
  }
}

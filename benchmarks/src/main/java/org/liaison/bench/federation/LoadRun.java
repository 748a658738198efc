package org.liaison.bench.federation;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.liaison.bench.load.Call;
import org.liaison.bench.load.ClosedLoop;
import org.liaison.bench.load.Latencies;

/** Measures one kind of call: latency percentiles one at a time, then throughput under load. */
final class LoadRun {
  record Result(
      String name,
      double p50Ms,
      double p99Ms,
      double callsPerSecond,
      long errors,
      List<String> errorSamples) {
    String line() {
      return String.format(
              "%-34s p50 %7.3f ms   p99 %7.3f ms   %8.0f calls/s   errors %d",
              name, p50Ms, p99Ms, callsPerSecond, errors)
          + errorSamples.stream().map(e -> "\n    failed: " + e).collect(Collectors.joining());
    }
  }

  private LoadRun() {}

  static Result measure(String name, Call call, int warmup, int samples, int threads, long seconds)
      throws Exception {
    for (int i = 0; i < warmup; i++) {
      call.run();
    }
    Latencies latencies = Latencies.timeSequential(samples, call);
    ClosedLoop.Throughput load = ClosedLoop.run(threads, Duration.ofSeconds(seconds), call);
    return new Result(
        name,
        latencies.p50Ms(),
        latencies.p99Ms(),
        load.callsPerSecond(),
        load.errors(),
        load.errorSamples());
  }
}

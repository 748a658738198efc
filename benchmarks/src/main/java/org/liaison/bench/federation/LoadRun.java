package org.liaison.bench.federation;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.liaison.bench.load.Call;
import org.liaison.bench.load.ClosedLoop;
import org.liaison.bench.load.Latencies;
import org.liaison.bench.load.ProcessCpu;
import org.liaison.bench.load.WarmUp;

/**
 * Measures one kind of call: after its warm-up, latency percentiles one at a time, then throughput
 * under load, with the CPU each process of the run used in each of the two phases.
 */
final class LoadRun {
  record Result(
      String name,
      double p50Ms,
      double p99Ms,
      double callsPerSecond,
      long errors,
      List<String> errorSamples,
      WarmUp.Result warmUp,
      List<Phase> phases) {
    String line() {
      return String.format(
              "%-34s p50 %7.3f ms   p99 %7.3f ms   %8.0f calls/s   errors %d",
              name, p50Ms, p99Ms, callsPerSecond, errors)
          + errorSamples.stream().map(e -> "\n    failed: " + e).collect(Collectors.joining());
    }

    /** Each phase's CPU per process: seconds, then milliseconds per call, JIT compilers apart. */
    String cpuLines() {
      StringBuilder out =
          new StringBuilder(name + ", CPU by process (JIT = its compiler threads):");
      out.append("\n  ").append(warmUp.line());
      for (Phase p : phases) {
        out.append(
            String.format(
                "%n  %s: %d calls in %.1f s (%s-%s UTC)",
                p.name(),
                p.calls(),
                p.seconds(),
                CLOCK.format(p.started()),
                CLOCK.format(p.started().plusMillis(Math.round(1000 * p.seconds())))));
        p.cpu()
            .forEach(
                (process, s) ->
                    out.append(
                        String.format(
                            "%n    %-16s other %6.1f s  JIT %6.1f s   per call: other %6.2f ms"
                                + "  JIT %6.2f ms",
                            process,
                            s.other(),
                            s.compilers(),
                            1000 * s.other() / Math.max(1, p.calls()),
                            1000 * s.compilers() / Math.max(1, p.calls()))));
      }
      return out.toString();
    }
  }

  /**
   * What the processes used while one phase made its calls; its start and length are printed as
   * wall-clock times, to cut a profile's recording to the phase.
   */
  record Phase(
      String name,
      long calls,
      Instant started,
      double seconds,
      Map<String, ProcessCpu.Seconds> cpu) {}

  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

  private LoadRun() {}

  static Result measure(
      String name,
      Call call,
      WarmUp warmUp,
      int samples,
      int threads,
      long seconds,
      ProcessCpu processes)
      throws Exception {
    WarmUp.Result warm = warmUp.run(call, processes);
    var beforeSequential = processes.now();
    Instant sequentialStarted = Instant.now();
    long started = System.nanoTime();
    Latencies latencies = Latencies.timeSequential(samples, call);
    double sequentialSeconds = (System.nanoTime() - started) / 1e9;
    var beforeLoad = processes.now();
    Instant loadStarted = Instant.now();
    ClosedLoop.Throughput load = ClosedLoop.run(threads, Duration.ofSeconds(seconds), call);
    var after = processes.now();
    return new Result(
        name,
        latencies.p50Ms(),
        latencies.p99Ms(),
        load.callsPerSecond(),
        load.errors(),
        load.errorSamples(),
        warm,
        List.of(
            new Phase(
                "one at a time",
                samples,
                sequentialStarted,
                sequentialSeconds,
                ProcessCpu.between(beforeSequential, beforeLoad)),
            new Phase(
                threads + " threads",
                load.calls() + load.errors(),
                loadStarted,
                load.seconds(),
                ProcessCpu.between(beforeLoad, after))));
  }
}

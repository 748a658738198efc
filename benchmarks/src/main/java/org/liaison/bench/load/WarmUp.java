package org.liaison.bench.load;

import java.time.Duration;
import java.util.Map;

/**
 * How a load tool warms a kind of call up before it measures it. By default until the processes
 * serving it stop compiling: rounds of the closed loop until, in one round, the JIT compiler
 * threads of all processes together used less than {@link #QUIET_SHARE} of the CPU the processes
 * used (decision 0067). A fixed number of calls one at a time, as before, left the compilers busy
 * through the whole measurement (decision 0059: half of a 20 s run's CPU), so the figures measured
 * how fast the code compiled as much as what it costs. The two ways are two implementations, chosen
 * by the factory that makes them.
 */
public abstract sealed class WarmUp {
  /** Compilers below this share of the processes' CPU in a round: steady. */
  public static final double QUIET_SHARE = 0.05;

  /** What the warm-up did, and whether the compilers were quiet at its end. */
  public record Result(
      String how, long calls, long errors, double seconds, boolean quiet, double jitShare) {
    public String line() {
      String state =
          Double.isNaN(jitShare)
              ? "no process measured"
              : String.format(
                  "%s (its last part: JIT %.1f %% of the CPU)",
                  quiet ? "compilers quiet" : "compilers still busy", 100 * jitShare);
      return String.format(
          "warm-up %s: %d calls (%d failed) in %.1f s, %s", how, calls, errors, seconds, state);
    }
  }

  private WarmUp() {}

  /**
   * Rounds of {@code threads} callers for {@code round} each, until the compilers are quiet or
   * {@code limit} has passed (the result says which).
   */
  public static WarmUp untilCompilersQuiet(int threads, Duration round, Duration limit) {
    return new UntilCompilersQuiet(threads, round, limit);
  }

  /** A fixed number of calls one at a time (the warm-up before decision 0067). */
  public static WarmUp fixedCalls(int calls) {
    return new FixedCalls(calls);
  }

  /** Warms {@code call} up, measuring the compilers of {@code processes}. */
  public abstract Result run(Call call, ProcessCpu processes) throws Exception;

  private static final class FixedCalls extends WarmUp {
    private final int calls;

    FixedCalls(int calls) {
      this.calls = calls;
    }

    @Override
    public Result run(Call call, ProcessCpu processes) throws Exception {
      Map<String, ProcessCpu.Seconds> before = processes.now();
      long started = System.nanoTime();
      for (int i = 0; i < calls; i++) {
        call.run();
      }
      double share = compilerShare(ProcessCpu.between(before, processes.now()));
      return new Result(
          calls + " calls one at a time",
          calls,
          0,
          (System.nanoTime() - started) / 1e9,
          share < QUIET_SHARE,
          share);
    }
  }

  private static final class UntilCompilersQuiet extends WarmUp {
    private final int threads;
    private final Duration round;
    private final Duration limit;

    UntilCompilersQuiet(int threads, Duration round, Duration limit) {
      this.threads = threads;
      this.round = round;
      this.limit = limit;
    }

    @Override
    public Result run(Call call, ProcessCpu processes) throws InterruptedException {
      long started = System.nanoTime();
      long calls = 0;
      long errors = 0;
      while (true) {
        Map<String, ProcessCpu.Seconds> before = processes.now();
        ClosedLoop.Throughput t = ClosedLoop.run(threads, round, call);
        calls += t.calls();
        errors += t.errors();
        double share = compilerShare(ProcessCpu.between(before, processes.now()));
        double seconds = (System.nanoTime() - started) / 1e9;
        boolean quiet = share < QUIET_SHARE;
        if (quiet || seconds >= limit.toSeconds()) {
          String how =
              String.format(
                  "until the compilers are quiet (%d threads, %d s rounds, at most %d s)",
                  threads, round.toSeconds(), limit.toSeconds());
          return new Result(how, calls, errors, seconds, quiet, share);
        }
      }
    }
  }

  /**
   * The compiler threads' share of what the processes used; not a number when they used nothing
   * measurable (no process, or not on Linux), which is never quiet.
   */
  static double compilerShare(Map<String, ProcessCpu.Seconds> used) {
    double compilers = used.values().stream().mapToDouble(ProcessCpu.Seconds::compilers).sum();
    double total = used.values().stream().mapToDouble(ProcessCpu.Seconds::total).sum();
    return total <= 0 ? Double.NaN : compilers / total;
  }
}

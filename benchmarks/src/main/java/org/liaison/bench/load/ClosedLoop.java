package org.liaison.bench.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Throughput under load: {@code callers} threads each make the next call as soon as the last one
 * answered, for a fixed time. A failed call is counted and the caller goes on.
 */
public final class ClosedLoop {
  /** The distinct failures a run keeps to print (a count says nothing of why). */
  static final int ERROR_SAMPLES = 5;

  /**
   * What a run did: calls answered, calls failed, over how many seconds, and the first distinct
   * failures (their exception and message).
   */
  public record Throughput(long calls, long errors, double seconds, List<String> errorSamples) {
    public double callsPerSecond() {
      return calls / seconds;
    }
  }

  private ClosedLoop() {}

  public static Throughput run(int callers, Duration duration, Call call)
      throws InterruptedException {
    AtomicLong done = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    Set<String> samples = ConcurrentHashMap.newKeySet();
    long started = System.nanoTime();
    long end = started + duration.toNanos();
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < callers; t++) {
      Thread worker =
          new Thread(
              () -> {
                while (System.nanoTime() < end) {
                  try {
                    call.run();
                    done.incrementAndGet();
                  } catch (Exception e) {
                    errors.incrementAndGet();
                    if (samples.size() < ERROR_SAMPLES) {
                      samples.add(e.toString());
                    }
                  }
                }
              },
              "load-caller-" + t);
      worker.setDaemon(true);
      worker.start();
      workers.add(worker);
    }
    for (Thread worker : workers) {
      worker.join();
    }
    return new Throughput(
        done.get(),
        errors.get(),
        (System.nanoTime() - started) / 1e9,
        samples.stream().sorted().limit(ERROR_SAMPLES).toList());
  }
}

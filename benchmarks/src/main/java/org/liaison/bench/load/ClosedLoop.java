package org.liaison.bench.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Throughput under load: {@code callers} threads each make the next call as soon as the last one
 * answered, for a fixed time. A failed call is counted and the caller goes on.
 */
public final class ClosedLoop {
  /** What a run did: calls answered, calls failed, and over how many seconds. */
  public record Throughput(long calls, long errors, double seconds) {
    public double callsPerSecond() {
      return calls / seconds;
    }
  }

  private ClosedLoop() {}

  public static Throughput run(int callers, Duration duration, Call call)
      throws InterruptedException {
    AtomicLong done = new AtomicLong();
    AtomicLong errors = new AtomicLong();
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
    return new Throughput(done.get(), errors.get(), (System.nanoTime() - started) / 1e9);
  }
}

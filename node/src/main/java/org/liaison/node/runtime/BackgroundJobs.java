package org.liaison.node.runtime;

import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import io.quarkus.scheduler.Scheduler;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * The node's background work, on Quarkus's scheduler and Vert.x's worker pool instead of a thread
 * of its own per job (decision 0025): periodic jobs ({@link #every}), one-off runs after a delay
 * ({@link #after}) and at once ({@link #soon}). The scheduler looks at its jobs once a second, so a
 * period below a second acts as one second; a job whose run is still going is skipped, not run
 * twice.
 */
@ApplicationScoped
public class BackgroundJobs {
  private static final Logger LOG = Logger.getLogger(BackgroundJobs.class);

  @Inject Scheduler scheduler;
  @Inject Vertx vertx;

  /**
   * Runs {@code task} every {@code period} (first after one period), never two runs at once; a
   * period of zero or less schedules nothing.
   */
  public void every(String id, Duration period, Runnable task) {
    if (period.isZero() || period.isNegative()) {
      return;
    }
    scheduler
        .newJob(id)
        .setInterval(period.toMillis() + "ms")
        .setDelayed(period.toMillis() + "ms")
        .setConcurrentExecution(ConcurrentExecution.SKIP)
        .setTask(execution -> logged(id, task))
        .schedule();
  }

  /** Runs {@code task} once, on a worker thread, after {@code delay}. */
  public void after(String id, Duration delay, Runnable task) {
    vertx.setTimer(Math.max(1, delay.toMillis()), timer -> soon(id, task));
  }

  /** Runs {@code task} once, on a worker thread, as soon as one is free. */
  public void soon(String id, Runnable task) {
    vertx.executeBlocking(
        () -> {
          logged(id, task);
          return null;
        },
        false);
  }

  /** A job that the schedule and requests may both start, run by one thread at a time. */
  public Serial serial(String id, Runnable task) {
    return new Serial(id, task);
  }

  private static void logged(String id, Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      LOG.warnf(e, "%s failed; it runs again at its next turn", id);
    }
  }

  /**
   * Runs its task now, unless a run is under way: then that run goes once more when it ends, so a
   * request is never lost and two runs never overlap.
   */
  public final class Serial {
    private final String id;
    private final Runnable task;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private final AtomicBoolean requested = new AtomicBoolean();

    private Serial(String id, Runnable task) {
      this.id = id;
      this.task = task;
    }

    /** Runs in the caller's thread (the scheduler's), or leaves it to the run under way. */
    public void run() {
      again.set(true);
      while (again.get() && running.compareAndSet(false, true)) {
        try {
          again.set(false);
          logged(id, task);
        } finally {
          running.set(false);
        }
      }
    }

    /**
     * Asks for a run soon on a worker thread, instead of at the next tick; requests made before
     * that run starts share it.
     */
    public void request() {
      if (requested.compareAndSet(false, true)) {
        soon(
            id,
            () -> {
              requested.set(false);
              run();
            });
      }
    }
  }
}

package org.liaison.node.runtime;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Whether some kind of work is under way: from the start of one piece until a quiet period after
 * the last one ended (the next is near). Background work that would compete with it asks {@link
 * #busy} and waits (an import's batches: decision 0017; partners' lookups: decision 0076).
 */
public final class Activity {
  private final long quietMs;
  private final LongSupplier clockMs;
  private final AtomicInteger running = new AtomicInteger();
  private final AtomicLong lastEndedMs = new AtomicLong(Long.MIN_VALUE / 2);

  /**
   * @param quietMs how long after the last piece ended the work counts as still under way
   * @param clockMs the clock, in milliseconds
   */
  public Activity(long quietMs, LongSupplier clockMs) {
    this.quietMs = quietMs;
    this.clockMs = clockMs;
  }

  /** One piece of the work under way, until closed. */
  public interface Piece extends AutoCloseable {
    @Override
    void close();
  }

  /** Marks a piece of the work under way; close it when the piece is done. */
  public Piece started() {
    running.incrementAndGet();
    return () -> {
      lastEndedMs.set(clockMs.getAsLong());
      running.decrementAndGet();
    };
  }

  /** True while a piece is under way or the last one ended less than the quiet period ago. */
  public boolean busy() {
    return running.get() > 0 || clockMs.getAsLong() - lastEndedMs.get() < quietMs;
  }

  /** The clock the activity is timed by, in milliseconds. */
  public long nowMs() {
    return clockMs.getAsLong();
  }
}

package org.liaison.node.retry;

import java.time.Duration;

/**
 * When a durable outbox tries a failed item again, and when it gives up (decision 0025): the wait
 * after the n-th failed attempt is {@code initial} doubled n-1 times, capped at {@code max}; an
 * item is given up once {@code maxAttempts} attempts failed (0: never, until acknowledged). The
 * attempts are counted in the outbox's own table, so the policy holds across restarts.
 */
public record RetryPolicy(Duration initial, Duration max, int maxAttempts) {

  /** Tried until the partner acknowledges it, however long that takes. */
  public static RetryPolicy untilAcknowledged(Duration initial, Duration max) {
    return new RetryPolicy(initial, max, 0);
  }

  /** The wait after the {@code attempts}-th failed attempt (1 = the first). */
  public Duration after(int attempts) {
    int doublings = Math.max(0, Math.min(attempts - 1, 30));
    long ms = initial.toMillis() << doublings;
    return ms <= 0 || ms > max.toMillis() ? max : Duration.ofMillis(ms);
  }

  /** Whether an item whose {@code attempts}-th attempt failed is given up rather than retried. */
  public boolean givesUp(int attempts) {
    return maxAttempts > 0 && attempts >= maxAttempts;
  }
}

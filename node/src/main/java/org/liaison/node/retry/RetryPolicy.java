package org.liaison.node.workflow.delivery;

import java.time.Duration;

/** Exponential backoff between delivery attempts: initial, doubled per attempt, capped. */
public record Backoff(Duration initial, Duration max) {

  /** The wait after the {@code attempts}-th failed attempt (1 = the first). */
  public Duration after(int attempts) {
    int doublings = Math.max(0, Math.min(attempts - 1, 30));
    long ms = initial.toMillis() << doublings;
    return ms <= 0 || ms > max.toMillis() ? max : Duration.ofMillis(ms);
  }
}

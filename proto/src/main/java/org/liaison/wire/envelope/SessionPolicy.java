package org.liaison.wire.envelope;

import java.time.Duration;

/**
 * Limits of an amortised HPKE session: after {@code maxMessages} or {@code maxAge} the sender
 * re-keys (a fresh HPKE encapsulation) and the receiver refuses the old session. The receiver
 * accepts sequence numbers out of order within {@code reorderWindow} of the highest seen, once.
 */
public record SessionPolicy(long maxMessages, Duration maxAge, int reorderWindow, int maxSessions) {

  public SessionPolicy {
    if (maxMessages <= 0
        || maxAge.isNegative()
        || maxAge.isZero()
        || reorderWindow <= 0
        || maxSessions <= 0) {
      throw new IllegalArgumentException("session limits must be positive");
    }
  }

  /** 100,000 messages or 1 hour per session; reorder window 1024; 10,000 receiving sessions. */
  public static SessionPolicy defaults() {
    return new SessionPolicy(100_000, Duration.ofHours(1), 1024, 10_000);
  }
}

package org.liaison.wire.envelope;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Remembers message ids for as long as their envelopes could still be accepted, so each id is
 * accepted once. Memory is bounded: when {@code capacity} ids are remembered and none has aged out,
 * new ids are refused (fail closed) rather than forgetting one too early. Thread-safe.
 */
public final class ReplayGuard {

  private record Entry(String id, long forgetAtMs) {}

  private final Duration window;
  private final int capacity;
  private final Clock clock;
  private final Map<String, Long> ids = new HashMap<>();
  private final PriorityQueue<Entry> byExpiry =
      new PriorityQueue<>((a, b) -> Long.compare(a.forgetAtMs, b.forgetAtMs));

  /**
   * @param window how far back a message's creation time may lie and still be accepted
   * @param capacity most ids remembered at once
   */
  public ReplayGuard(Duration window, int capacity, Clock clock) {
    if (window.isNegative() || window.isZero() || capacity <= 0) {
      throw new IllegalArgumentException("window and capacity must be positive");
    }
    this.window = window;
    this.capacity = capacity;
    this.clock = clock;
  }

  /** A guard with a 10-minute window and room for a million ids. */
  public static ReplayGuard defaults(Clock clock) {
    return new ReplayGuard(Duration.ofMinutes(10), 1_000_000, clock);
  }

  public Duration window() {
    return window;
  }

  /** Whether the id has been recorded and not yet forgotten. */
  public synchronized boolean seen(String messageId) {
    prune();
    return ids.containsKey(messageId);
  }

  /** Outcome of {@link #record}. */
  public enum Outcome {
    RECORDED,
    ALREADY_SEEN,
    FULL
  }

  /** Records the id until {@code forgetAfter}; says whether it was new. */
  public synchronized Outcome record(String messageId, Instant forgetAfter) {
    prune();
    if (ids.containsKey(messageId)) {
      return Outcome.ALREADY_SEEN;
    }
    if (ids.size() >= capacity) {
      return Outcome.FULL;
    }
    long at = forgetAfter.toEpochMilli();
    ids.put(messageId, at);
    byExpiry.add(new Entry(messageId, at));
    return Outcome.RECORDED;
  }

  public synchronized int size() {
    prune();
    return ids.size();
  }

  private void prune() {
    long now = clock.millis();
    while (!byExpiry.isEmpty() && byExpiry.peek().forgetAtMs < now) {
      ids.remove(byExpiry.poll().id);
    }
  }
}

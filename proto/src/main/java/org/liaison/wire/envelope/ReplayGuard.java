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
 * new ids are refused (fail closed) rather than forgetting one too early. A guard made {@link
 * #durable} also writes every id to a {@link ReplayJournal} and waits until it is on stable storage
 * before accepting it (concurrent ids share one fsync), and starts from the journal's live ids, so
 * a replay stays refused after a crash or power cut. Thread-safe.
 */
public final class ReplayGuard {

  private record Entry(String id, long forgetAtMs) {}

  private final Duration window;
  private final int capacity;
  private final Clock clock;
  private final Map<String, Long> ids = new HashMap<>();
  private final PriorityQueue<Entry> byExpiry =
      new PriorityQueue<>((a, b) -> Long.compare(a.forgetAtMs, b.forgetAtMs));
  private ReplayJournal journal;

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

  /**
   * A guard as {@link #defaults} whose ids survive restarts: it loads the ids in {@code file} that
   * have not aged out and appends every new id there before accepting it.
   */
  public static ReplayGuard durable(java.nio.file.Path file, Clock clock)
      throws java.io.IOException {
    ReplayGuard g = defaults(clock);
    ReplayJournal j = ReplayJournal.open(file, clock);
    synchronized (g) {
      j.live()
          .forEach(
              (id, at) -> {
                if (g.ids.put(id, at) == null) {
                  g.byExpiry.add(new Entry(id, at));
                }
              });
      g.journal = j;
    }
    return g;
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
    FULL,
    /** The id could not be put on stable storage: the message must not be acted on. */
    NOT_DURABLE
  }

  /**
   * Records the id until {@code forgetAfter}; says whether it was new. For a durable guard it
   * returns {@link Outcome#RECORDED} only once the id is on stable storage; the wait is outside the
   * guard's lock, so concurrent messages are written meanwhile and share the next fsync.
   */
  public Outcome record(String messageId, Instant forgetAfter) {
    long line = 0;
    synchronized (this) {
      prune();
      if (ids.containsKey(messageId)) {
        return Outcome.ALREADY_SEEN;
      }
      if (ids.size() >= capacity) {
        return Outcome.FULL;
      }
      long at = forgetAfter.toEpochMilli();
      if (journal != null) {
        if (!journal.recover(ids)) {
          return Outcome.NOT_DURABLE;
        }
        line = journal.append(messageId, at);
        if (line < 0) {
          return Outcome.NOT_DURABLE;
        }
      }
      ids.put(messageId, at);
      byExpiry.add(new Entry(messageId, at));
    }
    if (journal != null && !journal.awaitDurable(line)) {
      // the id stays remembered: a retry of the same message is refused as a replay (fail closed)
      return Outcome.NOT_DURABLE;
    }
    return Outcome.RECORDED;
  }

  /** The fsyncs the journal made so far (0 for a guard in memory). */
  long journalForces() {
    return journal == null ? 0 : journal.forces();
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
    if (journal != null) {
      journal.compactIfWorthIt(ids);
    }
  }
}

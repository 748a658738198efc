package org.liaison.node.store;

import java.util.function.LongSupplier;
import org.liaison.node.query.LookupActivity;

/**
 * Whether a store housekeeping round waits for partners' lookups: while they are answered a round
 * waits, unless the last round that ran began at least the hold-back ago. A compaction round holds
 * H2's store lock for its whole rewrite (300-400 ms for 16 MiB on a quiet machine, seconds on a
 * busy one), and every answer's audit commit behind it waited that long; rewriting in smaller
 * slices does not help, as H2 finds nothing more to rewrite in the same round until the rewritten
 * chunks' versions are old (decision 0076). Under a steady stream of lookups a round runs once per
 * hold-back instead of at every turn; between bursts of lookups the rounds run as before.
 */
final class RoundsYieldToLookups {
  private final LookupActivity lookups;
  private final LongSupplier clockMs;
  private final long holdBackMs;
  private long lastRoundMs = Long.MIN_VALUE / 2;

  RoundsYieldToLookups(LookupActivity lookups, LongSupplier clockMs, long holdBackMs) {
    this.lookups = lookups;
    this.clockMs = clockMs;
    this.holdBackMs = holdBackMs;
  }

  /** True if the round should wait now; false means it runs, and the hold-back counts from now. */
  synchronized boolean holdBack() {
    long now = clockMs.getAsLong();
    if (lookups.busy() && now - lastRoundMs < holdBackMs) {
      return true;
    }
    lastRoundMs = now;
    return false;
  }
}

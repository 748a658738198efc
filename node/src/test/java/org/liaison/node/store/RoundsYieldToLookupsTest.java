package org.liaison.node.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.liaison.node.query.LookupActivity;
import org.liaison.node.runtime.Activity;

/** Housekeeping rounds wait for partners' lookups, for a bounded time (decision 0076). */
class RoundsYieldToLookupsTest {
  private final AtomicLong nowMs = new AtomicLong(1_000_000);
  private final LookupActivity lookups = new LookupActivity(nowMs::get);
  private final RoundsYieldToLookups rounds = new RoundsYieldToLookups(lookups, nowMs::get, 60_000);

  @Test
  void withoutLookups_everyRoundRuns() {
    for (int n = 0; n < 5; n++) {
      assertThat(rounds.holdBack()).isFalse();
      nowMs.addAndGet(10_000);
    }
  }

  @Test
  void whileLookupsAreAnswered_roundsWait_andOneRunsPerHoldBack() {
    assertThat(rounds.holdBack()).as("a round before the lookups").isFalse();
    try (Activity.Piece answer = lookups.answering()) {
      for (int s = 10; s < 60; s += 10) {
        nowMs.addAndGet(10_000);
        assertThat(rounds.holdBack()).as("a round %d s after the last one ran", s).isTrue();
      }
      nowMs.addAndGet(10_000);
      assertThat(rounds.holdBack()).as("60 s after the last round ran").isFalse();
      nowMs.addAndGet(10_000);
      assertThat(rounds.holdBack()).as("the hold-back counts from the round that ran").isTrue();
    }
  }

  @Test
  void aPauseInTheLookups_letsTheNextRoundRun() {
    assertThat(rounds.holdBack()).isFalse();
    try (Activity.Piece answer = lookups.answering()) {
      nowMs.addAndGet(10_000);
      assertThat(rounds.holdBack()).isTrue();
    }
    nowMs.addAndGet(LookupActivity.QUIET_MS - 1);
    assertThat(rounds.holdBack()).as("right after the last answer, the next is near").isTrue();
    nowMs.addAndGet(1);
    assertThat(rounds.holdBack())
        .as("%d ms after the last answer", LookupActivity.QUIET_MS)
        .isFalse();
  }
}

package org.liaison.wire.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rule 4: a durable guard refuses, after a restart, the ids it accepted before it. */
class ReplayJournalTest {

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock();

  @Test
  void durableGuard_remembersIdsAcrossARestart_untilTheyAgeOut() throws Exception {
    Path file = dir.resolve("replay-ids.log");
    ReplayGuard before = ReplayGuard.durable(file, clock);
    Instant forget = clock.instant().plus(Duration.ofMinutes(10));
    assertThat(before.record("a".repeat(32), forget)).isEqualTo(ReplayGuard.Outcome.RECORDED);
    assertThat(before.record("b".repeat(32), clock.instant().plusSeconds(1)))
        .isEqualTo(ReplayGuard.Outcome.RECORDED);

    ReplayGuard after = ReplayGuard.durable(file, clock);
    assertThat(after.seen("a".repeat(32))).isTrue();
    assertThat(after.record("a".repeat(32), forget)).isEqualTo(ReplayGuard.Outcome.ALREADY_SEEN);
    assertThat(after.seen("c".repeat(32))).isFalse();

    clock.advance(Duration.ofSeconds(5));
    ReplayGuard later = ReplayGuard.durable(file, clock);
    assertThat(later.seen("b".repeat(32))).as("aged out").isFalse();
    assertThat(later.seen("a".repeat(32))).isTrue();
    assertThat(Files.readAllLines(file)).hasSize(1);
  }

  @Test
  void tornLastLine_isIgnored() throws Exception {
    Path file = dir.resolve("replay-ids.log");
    long at = clock.instant().plus(Duration.ofMinutes(5)).toEpochMilli();
    Files.writeString(file, "a".repeat(32) + " " + at + "\n" + "b".repeat(32) + " 17");
    ReplayGuard g = ReplayGuard.durable(file, clock);
    assertThat(g.seen("a".repeat(32))).isTrue();
    assertThat(g.seen("b".repeat(32))).isFalse();
  }
}

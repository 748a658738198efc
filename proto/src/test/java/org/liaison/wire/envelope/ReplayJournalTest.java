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

  /**
   * Every accepted id is forced to disk before {@code record} returns, and concurrent ids share
   * fsyncs: 16 threads recording 200 ids each need far fewer fsyncs than ids.
   */
  @Test
  void concurrentIds_areEachDurableBeforeAccepted_andShareFsyncs() throws Exception {
    Path file = dir.resolve("replay-ids.log");
    ReplayGuard g = ReplayGuard.durable(file, clock);
    Instant forget = clock.instant().plus(Duration.ofMinutes(10));
    int threads = 16;
    int each = 200;
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(threads);
    java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
    java.util.List<java.util.concurrent.Future<Long>> results = new java.util.ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      results.add(
          pool.submit(
              () -> {
                go.await();
                long recorded = 0;
                for (int i = 0; i < each; i++) {
                  String id = String.format("%016x%016x", thread, i);
                  if (g.record(id, forget) == ReplayGuard.Outcome.RECORDED) {
                    recorded++;
                    if (i % 50 == 0) {
                      // written before accepted: the line is in the file when record returns
                      assertThat(Files.readString(file)).contains(id + " ");
                    }
                  }
                }
                return recorded;
              }));
    }
    go.countDown();
    long recorded = 0;
    for (var r : results) {
      recorded += r.get();
    }
    pool.shutdown();
    assertThat(recorded).isEqualTo((long) threads * each);
    assertThat(g.journalForces())
        .as("fsyncs for %d ids", recorded)
        .isPositive()
        .isLessThan(recorded);
    assertThat(ReplayGuard.durable(file, clock).size()).isEqualTo(threads * each);
  }

  /**
   * A journal whose file stopped taking writes (here its channel is closed under it, as a file
   * system that turned read-only or was replaced leaves it) refuses the id it could not write, and
   * once writing works again rewrites every id it remembers and accepts again, without a restart;
   * nothing it accepted is lost.
   */
  @Test
  void afterAFailedWrite_theJournalWritesItsIdsAgain_andAcceptsAgain() throws Exception {
    Path file = dir.resolve("replay-ids.log");
    ReplayGuard g = ReplayGuard.durable(file, clock);
    Instant forget = clock.instant().plus(Duration.ofMinutes(10));
    assertThat(g.record("a".repeat(32), forget)).isEqualTo(ReplayGuard.Outcome.RECORDED);
    java.lang.reflect.Field journal = ReplayGuard.class.getDeclaredField("journal");
    journal.setAccessible(true);
    java.lang.reflect.Field out = ReplayJournal.class.getDeclaredField("out");
    out.setAccessible(true);
    ((org.liaison.wire.journal.GroupForcedFile) out.get(journal.get(g))).close();

    assertThat(g.record("b".repeat(32), forget))
        .as("an id that could not be written is refused")
        .isEqualTo(ReplayGuard.Outcome.NOT_DURABLE);
    assertThat(g.record("c".repeat(32), forget))
        .as("the journal is written again, then the id accepted")
        .isEqualTo(ReplayGuard.Outcome.RECORDED);

    ReplayGuard restarted = ReplayGuard.durable(file, clock);
    assertThat(restarted.seen("a".repeat(32))).isTrue();
    assertThat(restarted.seen("c".repeat(32))).isTrue();
    // the refused id was never acted on, so its sender may send it again
    assertThat(restarted.seen("b".repeat(32))).isFalse();
  }
}

package org.liaison.cluster.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.liaison.cluster.Federation;
import org.liaison.wire.v1.PartnerAnswer;
import org.liaison.wire.v1.Reason;

/**
 * The disclosing node's database on a file system that fills up while the node runs: it refuses
 * with {@code AUDIT_UNAVAILABLE} (nothing is disclosed without its audit entry) and answers again
 * once space returns, without a restart. (A read-only remount is refused by the kernel while the
 * node holds the file open for writing, so "read-only" is not simulated here.) DEA's data folder is
 * a 64 MiB tmpfs mounted by the test, so it needs root (or CAP_SYS_ADMIN); where mounting is not
 * allowed the test is skipped and says so.
 */
class DatabaseFullAcceptanceTest {
  static Federation f;
  static Path data;
  static boolean mounted;

  @BeforeAll
  static void start() throws Exception {
    f = StorageFaults.prepared(DatabaseFullAcceptanceTest.class);
    data = f.node("us.dea").dataDir();
    Files.createDirectories(data);
    mounted =
        StorageFaults.run("mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", data.toString()) == 0;
    Assumptions.assumeTrue(
        mounted, "cannot mount a tmpfs here (needs root or CAP_SYS_ADMIN): test skipped");
    f.start();
  }

  @AfterAll
  static void stop() throws Exception {
    StorageFaults.stop(f, mounted, data);
  }

  @Test
  void fullDisk_refusedWithAuditUnavailable_thenAnsweredWhenSpaceReturns() throws Exception {
    assertThat(StorageFaults.askDea(f).getStatus()).isEqualTo(PartnerAnswer.Status.MATCH);
    long pid = f.node("us.dea").pid();
    Path filler = data.resolve("filler");
    try (OutputStream out = Files.newOutputStream(filler)) {
      byte[] mib = new byte[1 << 20];
      while (true) {
        out.write(mib);
      }
    } catch (IOException full) {
      // no space left on the device: what the test wanted
    }
    try {
      // H2 first fills the free space inside its own file, dead chunks included, which it now
      // reuses at once (decision 0038), and the replay journal the room left in its last page
      // (those answers are on record); the first write that needs more space fails, and from then
      // on DEA must refuse. How many answers fit depends on the free space the run left, so the
      // bound is time, not a count
      PartnerAnswer refused = null;
      int answeredWhileFull = 0;
      long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(120);
      while (refused == null && System.nanoTime() < until) {
        PartnerAnswer dea = StorageFaults.askDea(f);
        if (dea.getStatus() == PartnerAnswer.Status.MATCH) {
          answeredWhileFull++;
        } else {
          refused = dea;
        }
      }
      System.out.printf("disk full: %d answers before the first refusal%n", answeredWhileFull);
      assertThat(refused).as("DEA refused once its database could not grow").isNotNull();
      assertThat(refused.getReason()).as(refused.toString()).isEqualTo(Reason.AUDIT_UNAVAILABLE);
      StorageFaults.assertDeaRefusesForAudit(f);
    } finally {
      Files.delete(filler);
    }
    PartnerAnswer again = StorageFaults.awaitDeaMatch(f);
    assertThat(again.getStatus()).as(again.toString()).isEqualTo(PartnerAnswer.Status.MATCH);
    assertThat(f.node("us.dea").pid()).as("the same process, not restarted").isEqualTo(pid);
  }
}

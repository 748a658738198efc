package org.liaison.cluster.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.FileSystemException;
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
 * The disclosing node's database on a file system that turns read-only while the node runs: it
 * refuses with {@code AUDIT_UNAVAILABLE} (nothing is disclosed without its audit entry) and answers
 * again once the file system is repaired, without a restart. DEA's data folder is a 64 MiB ext4
 * file system on a loop device mounted by the test with {@code errors=remount-ro}, as a server's
 * data volume is, so that an ext4 error turns it read-only under the open files the way a failing
 * disk does (a read-only remount is refused while files are open for writing). It needs root (or
 * CAP_SYS_ADMIN) and a loop device; where mounting is not allowed the test is skipped and says so.
 */
class DatabaseReadOnlyAcceptanceTest {
  static Federation f;
  static Path data;
  static Path image;
  static boolean mounted;

  @BeforeAll
  static void start() throws Exception {
    f = StorageFaults.prepared(DatabaseReadOnlyAcceptanceTest.class);
    data = f.node("us.dea").dataDir();
    Files.createDirectories(data);
    image = f.workDir().resolve("us.dea-data.ext4");
    try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(image.toFile(), "rw")) {
      file.setLength(64L << 20);
    }
    mounted =
        StorageFaults.run("mkfs.ext4", "-q", "-F", "-O", "^has_journal", image.toString()) == 0
            && mount();
    Assumptions.assumeTrue(
        mounted,
        "cannot mount an ext4 loop device here (needs root or CAP_SYS_ADMIN and /dev/loop*):"
            + " test skipped");
    f.start();
  }

  /** Mounts the image over DEA's data folder, read-write, turning read-only on an error. */
  private static boolean mount() throws IOException, InterruptedException {
    return StorageFaults.run(
            "mount", "-o", "loop,errors=remount-ro", image.toString(), data.toString())
        == 0;
  }

  @AfterAll
  static void stop() throws Exception {
    StorageFaults.stop(f, mounted, data);
  }

  @Test
  void readOnlyFileSystem_refusedWithAuditUnavailable_thenAnsweredAfterRepairWithoutRestart()
      throws Exception {
    assertThat(StorageFaults.awaitDeaMatch(f).getStatus()).isEqualTo(PartnerAnswer.Status.MATCH);
    long pid = f.node("us.dea").pid();
    String device = StorageFaults.output("findmnt", "-no", "SOURCE", data.toString()).out();
    Path trigger =
        Path.of("/sys/fs/ext4", Path.of(device).getFileName().toString(), "trigger_fs_error");
    // what was committed is on the volume (H2 writes on commit without fsync: a disk failing
    // before the kernel wrote those pages back would lose them, with or without this test)
    assertThat(StorageFaults.run("sync", "-f", data.toString())).isZero();
    // an ext4 error (what a failing disk or a corrupted block causes): with errors=remount-ro the
    // kernel turns the whole file system read-only at once, under the open database file
    Files.writeString(trigger, "the test turns DEA's data volume read-only\n");
    assertThatThrownBy(() -> Files.writeString(data.resolve("probe"), "x"))
        .as("DEA's data folder is read-only")
        .isInstanceOfSatisfying(
            FileSystemException.class,
            e -> assertThat(e.getReason()).isEqualTo("Read-only file system"));
    PartnerAnswer refused = null;
    int answeredWhileReadOnly = 0;
    for (int i = 0; i < 20 && refused == null; i++) {
      PartnerAnswer dea = StorageFaults.askDea(f);
      if (dea.getStatus() == PartnerAnswer.Status.MATCH) {
        answeredWhileReadOnly++;
      } else {
        refused = dea;
      }
    }
    System.out.printf(
        "read-only: %d answers before the first refusal: %s%n", answeredWhileReadOnly, refused);
    assertThat(refused).as("DEA refused once its database could not be written").isNotNull();
    assertThat(refused.getReason()).as(refused.toString()).isEqualTo(Reason.AUDIT_UNAVAILABLE);
    StorageFaults.assertDeaRefusesForAudit(f);

    // the operator replaces the volume by a checked copy (the node keeps running): check a copy
    // and mount it read-write over the broken one (a copy, so that the kernel does not hand back
    // the broken volume's superblock), which the node may still hold files on. Detaching the broken
    // mount first would leave the data folder showing the empty mount point meanwhile, where a
    // connection the node opens creates a new, empty database (seen in a run: the node then
    // failed every request on it until restarted; the closing note of stop 15 names the guard the
    // node itself needs)
    Path repaired = image.resolveSibling("us.dea-data-repaired.ext4");
    Files.copy(image, repaired, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    image = repaired;
    StorageFaults.Result fsck = StorageFaults.output("e2fsck", "-fy", image.toString());
    System.out.println("e2fsck: exit " + fsck.exit());
    assertThat(fsck.exit()).as(fsck.out()).isLessThan(4); // 0 clean, 1 or 2 errors corrected
    assertThat(mount()).as("DEA's data volume mounted read-write again").isTrue();
    PartnerAnswer again = StorageFaults.awaitDeaMatch(f);
    assertThat(again.getStatus()).as(again.toString()).isEqualTo(PartnerAnswer.Status.MATCH);
    assertThat(f.node("us.dea").pid()).as("the same process, not restarted").isEqualTo(pid);
  }
}

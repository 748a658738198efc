package org.liaison.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code liaison backup restore} on files: what it puts back, what it moves aside, what it leaves
 * alone (the replay journal), and what it refuses. The whole path against a real node is
 * BackupRestoreAcceptanceTest.
 */
class BackupRestoreTest {
  @TempDir Path tmp;

  private Path backup(String database, String seed) throws Exception {
    Path b = Files.createDirectories(tmp.resolve("backup"));
    try (OutputStream out = Files.newOutputStream(b.resolve("node.zip"));
        ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry("node.mv.db"));
      zip.write(database.getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    Files.writeString(
        b.resolve("backup.properties"),
        "agency=us.dea\nnode=node-1\ntaken-at=2027-03-18T10:15:00Z\ndatabase=H2\n"
            + "audit-tree-size-at-start=42\n");
    Files.createDirectories(b.resolve("deconfliction"));
    Files.writeString(b.resolve("deconfliction/oprf-master.seed.sealed"), seed);
    return b;
  }

  private Path dataDir() throws Exception {
    Path d = Files.createDirectories(tmp.resolve("data"));
    Files.writeString(d.resolve("node.mv.db"), "database now");
    Files.writeString(d.resolve("replay-ids.log"), "ids accepted since the backup");
    Files.createDirectories(d.resolve("deconfliction"));
    Files.writeString(d.resolve("deconfliction/oprf-master.seed.sealed"), "seed now");
    return d;
  }

  @Test
  void restore_putsDatabaseAndSeedBack_movesWhatItReplacesAside_keepsTheReplayJournal()
      throws Exception {
    Path data = dataDir();
    BackupRestore.Restored r = BackupRestore.restore(backup("database then", "seed then"), data);

    assertThat(Files.readString(data.resolve("node.mv.db"))).isEqualTo("database then");
    assertThat(Files.readString(data.resolve("deconfliction/oprf-master.seed.sealed")))
        .isEqualTo("seed then");
    assertThat(Files.readString(data.resolve("replay-ids.log")))
        .isEqualTo("ids accepted since the backup");
    assertThat(r.replaced()).hasSize(2);
    assertThat(r.replaced().stream().map(p -> Files.exists(p)).toList()).containsOnly(true);
    List<String> aside = r.replaced().stream().map(this::read).toList();
    assertThat(aside).containsExactlyInAnyOrder("database now", "seed now");
    assertThat(r.auditSizeAtBackup()).isEqualTo(42);
  }

  @Test
  void restore_refusesWhileTheDatabaseIsLocked_andChangesNothing() throws Exception {
    Path data = dataDir();
    Path b = backup("database then", "seed then");
    try (FileChannel ch = FileChannel.open(data.resolve("node.mv.db"), StandardOpenOption.WRITE);
        FileLock held = ch.lock()) {
      assertThatThrownBy(() -> BackupRestore.restore(b, data))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("is open in a running node")
          .hasMessageContaining("stop the node first");
    }
    assertThat(Files.readString(data.resolve("node.mv.db"))).isEqualTo("database now");
  }

  @Test
  void restore_refusesAFolderThatIsNotABackup() throws Exception {
    Path data = dataDir();
    Path notBackup = Files.createDirectories(tmp.resolve("photos"));
    assertThatThrownBy(() -> BackupRestore.restore(notBackup, data))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is not a node backup");
    assertThat(Files.readString(data.resolve("node.mv.db"))).isEqualTo("database now");
  }

  private String read(Path p) {
    try {
      return Files.readString(p);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}

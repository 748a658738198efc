package org.liaison.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Puts a node backup (a folder written by {@code NodeAdmin.Backup}) back into a stopped node's data
 * folder: the H2 database and the sealed OPRF seed. What it replaces is moved aside, never deleted.
 * The replay journal is left as it is: the restored node must keep refusing every message it
 * accepted since the backup (decision 0027).
 */
public final class BackupRestore {
  static final String DATABASE_ZIP = "node.zip";
  static final String MANIFEST = "backup.properties";
  static final String DATABASE_FILE = "node.mv.db";
  static final String SEED_FOLDER = "deconfliction";

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  /** What the restore did, and what the backup says of itself. */
  public record Restored(Properties manifest, List<Path> replaced, List<Path> written) {
    public long auditSizeAtBackup() {
      return Long.parseLong(manifest.getProperty("audit-tree-size-at-start", "-1"));
    }
  }

  private BackupRestore() {}

  /**
   * Restores {@code backup} into {@code dataDir}. Refuses (IllegalStateException with a sentence)
   * when the node still holds its database open, or when the folder is not a node backup.
   */
  public static Restored restore(Path backup, Path dataDir) {
    Path zip = backup.resolve(DATABASE_ZIP);
    Path manifestFile = backup.resolve(MANIFEST);
    if (!Files.isRegularFile(zip) || !Files.isRegularFile(manifestFile)) {
      throw new IllegalStateException(
          backup
              + " is not a node backup: it should hold "
              + DATABASE_ZIP
              + " and "
              + MANIFEST
              + " (written by liaison backup create)");
    }
    Properties manifest = new Properties();
    try (InputStream in = Files.newInputStream(manifestFile)) {
      manifest.load(in);
      Path database = dataDir.resolve(DATABASE_FILE);
      refuseIfOpen(database);
      Files.createDirectories(dataDir);
      String stamp = STAMP.format(Instant.now());
      List<Path> replaced = new ArrayList<>();
      List<Path> written = new ArrayList<>();
      Path restored = dataDir.resolve(DATABASE_FILE + ".restoring");
      extractDatabase(zip, restored);
      moveAside(database, stamp).ifPresent(replaced::add);
      Files.move(restored, database, StandardCopyOption.ATOMIC_MOVE);
      written.add(database);
      Path seeds = backup.resolve(SEED_FOLDER);
      if (Files.isDirectory(seeds)) {
        Path to = Files.createDirectories(dataDir.resolve(SEED_FOLDER));
        try (Stream<Path> files = Files.list(seeds)) {
          for (Path f : files.filter(Files::isRegularFile).toList()) {
            Path target = to.resolve(f.getFileName());
            if (Files.exists(target) && Files.mismatch(f, target) == -1) {
              continue;
            }
            moveAside(target, stamp).ifPresent(replaced::add);
            Files.copy(f, target, StandardCopyOption.COPY_ATTRIBUTES);
            written.add(target);
          }
        }
      }
      return new Restored(manifest, replaced, written);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot restore " + backup + " into " + dataDir, e);
    }
  }

  /** A running node holds a lock on its H2 file (as H2 does in every process that opens it). */
  private static void refuseIfOpen(Path database) throws IOException {
    if (!Files.exists(database)) {
      return;
    }
    try (FileChannel ch = FileChannel.open(database, StandardOpenOption.WRITE)) {
      FileLock lock;
      try {
        lock = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        throw new IllegalStateException(
            database
                + " is open in a running node: stop the node first, then restore (a restore"
                + " replaces the whole database)");
      }
      lock.release();
    }
  }

  private static void extractDatabase(Path zip, Path to) throws IOException {
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        if (!e.isDirectory() && Path.of(e.getName()).getFileName().toString().endsWith(".mv.db")) {
          Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
          return;
        }
      }
    }
    throw new IllegalStateException(zip + " holds no H2 database file (*.mv.db)");
  }

  private static java.util.Optional<Path> moveAside(Path file, String stamp) throws IOException {
    if (!Files.exists(file)) {
      return java.util.Optional.empty();
    }
    Path aside = file.resolveSibling(file.getFileName() + ".before-restore-" + stamp);
    Files.move(file, aside);
    return java.util.Optional.of(aside);
  }
}

package org.liaison.node.admin;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Properties;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.liaison.node.config.NodeConfig;

/**
 * Copies the running node's state into a new folder under the backup folder: the H2 database
 * through H2's own online {@code BACKUP TO} (a consistent snapshot taken while commits go on), the
 * sealed OPRF seed that lives beside it, and a {@value #MANIFEST} saying what it is. The replay
 * journal is left out on purpose: a restored node must keep refusing every message id it has
 * accepted since (decision 0027). One backup at a time.
 */
@ApplicationScoped
public class DatabaseBackup {
  /** The database inside a backup folder, as H2 wrote it. */
  public static final String DATABASE_ZIP = "node.zip";

  /** What a backup is: agency, node, time, database, audit size when it began. */
  public static final String MANIFEST = "backup.properties";

  /** The folders and files of the data folder that are copied besides the database. */
  static final String SEED_FOLDER = "deconfliction";

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

  @Inject AgroalDataSource dataSource;
  @Inject NodeConfig config;

  private final ReentrantLock one = new ReentrantLock();

  /** What was written. */
  public record Taken(Path folder, long bytes, Instant at, String database) {}

  /** The database product this node runs on, e.g. {@code H2} or {@code PostgreSQL}. */
  public String database() {
    try (Connection c = dataSource.getConnection()) {
      return c.getMetaData().getDatabaseProductName();
    } catch (SQLException e) {
      throw new IllegalStateException("the database does not answer: " + e.getMessage(), e);
    }
  }

  public boolean supported() {
    return "H2".equalsIgnoreCase(database());
  }

  /** The folder backups go to. */
  public Path folder() {
    return config.backup().dir().orElse(config.dataDir().resolve("backup"));
  }

  /**
   * Takes a backup; {@code auditSize} is written into the manifest. Throws {@link
   * UncheckedIOException} when the folder cannot be written, {@link IllegalStateException} when a
   * backup is already running.
   */
  public Taken take(long auditSize) {
    if (!one.tryLock()) {
      throw new IllegalStateException("a backup of this node is already running; wait for it");
    }
    try {
      Instant at = Instant.now();
      Path target =
          folder().resolve(config.agency() + "-" + config.node() + "-" + STAMP.format(at));
      Path partial = target.resolveSibling(target.getFileName() + ".partial");
      Files.createDirectories(partial);
      String database;
      try (Connection c = dataSource.getConnection();
          Statement s = c.createStatement()) {
        database = c.getMetaData().getDatabaseProductName();
        // H2's online backup: a consistent copy of the store while other sessions commit
        s.execute("BACKUP TO '" + sqlString(partial.resolve(DATABASE_ZIP)) + "'");
      }
      copySeed(partial);
      Properties manifest = new Properties();
      manifest.setProperty("agency", config.agency());
      manifest.setProperty("node", config.node());
      manifest.setProperty("taken-at", at.toString());
      manifest.setProperty("database", database);
      manifest.setProperty("audit-tree-size-at-start", Long.toString(auditSize));
      try (OutputStream out = Files.newOutputStream(partial.resolve(MANIFEST))) {
        manifest.store(out, "Liaison node backup (docs/runbook.md, section 5)");
      }
      // only a complete backup gets its final name
      Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
      return new Taken(target, size(target), at, database);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write the backup under " + folder() + ": " + e.getMessage(), e);
    } catch (SQLException e) {
      throw new UncheckedIOException(
          "the database refused the backup into " + folder() + ": " + e.getMessage(),
          new IOException(e));
    } finally {
      one.unlock();
    }
  }

  private void copySeed(Path into) throws IOException {
    Path seeds = config.dataDir().resolve(SEED_FOLDER);
    if (!Files.isDirectory(seeds)) {
      return;
    }
    Path to = Files.createDirectories(into.resolve(SEED_FOLDER));
    try (Stream<Path> files = Files.list(seeds)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
      }
    }
  }

  private static long size(Path folder) throws IOException {
    try (Stream<Path> all = Files.walk(folder)) {
      long total = 0;
      for (Path p : all.filter(Files::isRegularFile).toList()) {
        total += Files.size(p);
      }
      return total;
    }
  }

  private static String sqlString(Path p) {
    return p.toAbsolutePath().toString().replace("'", "''");
  }
}

package org.liaison.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * A JDK class-data-sharing archive of one built application (the node or the gateway), made by the
 * first process of it the kit starts and used by every later one: a process then maps the classes
 * it loads at start from the archive instead of reading, parsing and verifying them again (decision
 * 0050). The same class files are loaded either way; the JVM checks the archive against the class
 * path and ignores it if the application was rebuilt, and the archive's name carries a fingerprint
 * of the application's files, so a rebuilt application records a new one.
 *
 * <p>One recording at a time per archive in this JVM; the recording is written when the recording
 * process exits normally (stopped or ended), to a file of its own, and renamed into place; a
 * process killed forcibly leaves nothing.
 */
public final class ClassDataArchive {

  private static final Map<Path, ClassDataArchive> BY_APP = new ConcurrentHashMap<>();
  private static final AtomicLong RECORDINGS = new AtomicLong();

  /** Exit status of a JVM killed by SIGKILL: it wrote no archive, or a partial one. */
  private static final int KILLED = 128 + 9;

  private final Path app;
  private Path recording;
  private Path recordingFor;

  private ClassDataArchive(Path app) {
    this.app = app;
  }

  /**
   * The archive of the application in {@code appDir} (a Quarkus {@code quarkus-app} folder), kept
   * next to it in {@code cds/}. The folder need not exist before the first start.
   */
  public static ClassDataArchive of(Path appDir) {
    return BY_APP.computeIfAbsent(appDir.toAbsolutePath().normalize(), ClassDataArchive::new);
  }

  /** Where the archive of the application as it is now built is (it may not exist yet). */
  public Path path() {
    return app.resolveSibling("cds").resolve(app.getFileName() + "-" + fingerprint(app) + ".jsa");
  }

  /**
   * The JVM options of a process that starts now: use the archive if it exists; else record it if
   * no other process of this JVM is recording; else none. The JVM's own notes on the archive (e.g.
   * classes it skipped) are kept out of the process's log.
   */
  synchronized List<String> jvmOptionsForStart() {
    Path archive = path();
    if (Files.isRegularFile(archive)) {
      return List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    }
    if (recording != null) {
      return List.of();
    }
    try {
      Files.createDirectories(archive.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create " + archive.getParent(), e);
    }
    recordingFor = archive;
    recording =
        archive.resolveSibling(
            archive.getFileName()
                + ".recording-"
                + ProcessHandle.current().pid()
                + "-"
                + RECORDINGS.incrementAndGet());
    return List.of(
        "-XX:ArchiveClassesAtExit=" + recording, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
  }

  /** Whether a process started with these options records the archive. */
  synchronized boolean records(List<String> options) {
    return recording != null && options.contains("-XX:ArchiveClassesAtExit=" + recording);
  }

  /**
   * The recording process exited with {@code exitValue}: its archive is kept unless it was killed
   * forcibly; the next start may record again if there is none.
   */
  synchronized void recorded(int exitValue) {
    if (recording == null) {
      return;
    }
    try {
      if (exitValue != KILLED && Files.size(recording) > 0) {
        Files.move(
            recording,
            recordingFor,
            StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
        deleteOlderArchives();
      } else {
        Files.deleteIfExists(recording);
      }
    } catch (IOException noArchive) {
      // no archive written (e.g. the JVM refused to record): processes start without one
      try {
        Files.deleteIfExists(recording);
      } catch (IOException ignored) {
        // a stray partial file is never used: only the archive's own name is
      }
    } finally {
      recording = null;
    }
  }

  /** The archives of earlier builds of the application: never used again (100 MB each). */
  private void deleteOlderArchives() throws IOException {
    String prefix = app.getFileName() + "-";
    try (Stream<Path> files = Files.list(recordingFor.getParent())) {
      for (Path f : files.toList()) {
        String name = f.getFileName().toString();
        if (name.startsWith(prefix) && name.endsWith(".jsa") && !f.equals(recordingFor)) {
          Files.deleteIfExists(f);
        }
      }
    }
  }

  /** Size and modification time of every file of the application, as one number in hex. */
  private static String fingerprint(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      long h = 17;
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
        h = 31 * h + dir.relativize(f).toString().hashCode();
        h = 31 * h + a.size();
        h = 31 * h + a.lastModifiedTime().toMillis();
      }
      return Long.toHexString(h);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + dir, e);
    }
  }
}

package org.liaison.wire.pki;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Watches a small folder of keys and certificates (a process's own {@code liaison.pki.dir}, or the
 * trust directory through {@link TrustDirectoryWatcher}): every {@code interval} it hashes the
 * files and, when they changed, calls the listener, which re-reads what it needs. A listener that
 * throws (a folder caught half-written) is called again at the next tick, since the change is only
 * taken as seen once the listener succeeded (decision 0028).
 */
public final class FolderWatcher implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(FolderWatcher.class.getName());

  /** Re-reads the folder; throws when it cannot be read whole yet. */
  @FunctionalInterface
  public interface Reload {
    void run() throws IOException;
  }

  private final Path folder;
  private final String what;
  private final Reload reload;
  private final ScheduledExecutorService timer;
  private byte[] seen;

  private FolderWatcher(Path folder, String what, Reload reload, byte[] seen) {
    this.folder = folder;
    this.what = what;
    this.reload = reload;
    this.seen = seen;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, what.replace(' ', '-') + "-watcher");
              t.setDaemon(true);
              return t;
            });
  }

  /** Starts watching {@code folder} as it is now; {@code reload} runs after each change. */
  public static FolderWatcher start(Path folder, Duration interval, Reload reload)
      throws IOException {
    return start(folder, "key folder", digest(folder), interval, reload);
  }

  /**
   * Starts watching {@code folder} ({@code what} names it in the log) from the files {@code seen}
   * hashes: a caller that read the folder after hashing it is told of any change since the hash.
   */
  static FolderWatcher start(
      Path folder, String what, byte[] seen, Duration interval, Reload reload) {
    FolderWatcher w = new FolderWatcher(folder, what, reload, seen);
    long ms = Math.max(100, interval.toMillis());
    w.timer.scheduleWithFixedDelay(w::check, ms, ms, TimeUnit.MILLISECONDS);
    return w;
  }

  /** Checks now; returns whether a change was taken in. Also runs on the schedule. */
  public synchronized boolean check() {
    try {
      byte[] now = digest(folder);
      if (Arrays.equals(now, seen)) {
        return false;
      }
      reload.run();
      seen = now;
      return true;
    } catch (IOException | RuntimeException e) {
      LOG.log(
          Level.WARNING,
          what
              + " "
              + folder
              + " changed but cannot be read whole yet; keeping what was read before and"
              + " trying again: "
              + e);
      return false;
    }
  }

  /** SHA-256 over every file's relative name and content, in name order. */
  static byte[] digest(Path folder) throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        md.update(folder.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
        md.update(Files.readAllBytes(f));
      }
    }
    return md.digest();
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}

package org.liaison.wire.pki;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps a {@link TrustDirectory} equal to its folder while the process runs. Every {@code interval}
 * it hashes the folder's files (a few kilobytes per agency) and, when anything changed (a CRL
 * re-issued by {@code liaison-pki revoke}, a node added or rotated, an agency removed), re-reads
 * the folder and swaps the material in, then tells the listeners (e.g. to drop connections made
 * under the old material). A folder that cannot be read whole keeps the last good material and is
 * tried again on the next tick. So a revocation takes effect within one interval: that is the bound
 * docs/security-model.md states.
 */
public final class TrustDirectoryWatcher implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(TrustDirectoryWatcher.class.getName());

  /** The default interval between checks. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);

  private final Path folder;
  private final TrustDirectory directory;
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService timer;
  private byte[] loadedDigest;

  private TrustDirectoryWatcher(Path folder, TrustDirectory directory, byte[] digest) {
    this.folder = folder;
    this.directory = directory;
    this.loadedDigest = digest;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "trust-directory-watcher");
              t.setDaemon(true);
              return t;
            });
  }

  /** Loads the folder and starts watching it. */
  public static TrustDirectoryWatcher start(Path folder, Duration interval) throws IOException {
    byte[] digest = digest(folder);
    TrustDirectoryWatcher w =
        new TrustDirectoryWatcher(folder, TrustDirectory.load(folder), digest);
    long ms = Math.max(100, interval.toMillis());
    w.timer.scheduleWithFixedDelay(w::check, ms, ms, TimeUnit.MILLISECONDS);
    return w;
  }

  /** The live directory: views made from it follow every reload. */
  public TrustDirectory directory() {
    return directory;
  }

  /** Runs {@code listener} after each reload that changed the material. */
  public void onChange(Runnable listener) {
    listeners.add(listener);
  }

  /** Checks now; returns whether the material changed. Also runs on the schedule. */
  public synchronized boolean check() {
    try {
      byte[] now = digest(folder);
      if (Arrays.equals(now, loadedDigest)) {
        return false;
      }
      directory.replaceWith(TrustDirectory.load(folder));
      loadedDigest = now;
      LOG.info("trust directory " + folder + " changed on disk; reloaded (CRLs, CAs, nodes)");
    } catch (IOException | RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "trust directory " + folder + " cannot be re-read; keeping the last good material: " + e);
      return false;
    }
    for (Runnable l : listeners) {
      try {
        l.run();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "a trust-change listener failed", e);
      }
    }
    return true;
  }

  private static byte[] digest(Path folder) throws IOException {
    return FolderWatcher.digest(folder);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}

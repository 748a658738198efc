package org.liaison.wire.pki;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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
  private final FolderWatcher watcher;

  private TrustDirectoryWatcher(
      Path folder, TrustDirectory directory, byte[] loaded, Duration interval) {
    this.folder = folder;
    this.directory = directory;
    this.watcher = FolderWatcher.start(folder, "trust directory", loaded, interval, this::reload);
  }

  /** Loads the folder and starts watching it. */
  public static TrustDirectoryWatcher start(Path folder, Duration interval) throws IOException {
    byte[] digest = FolderWatcher.digest(folder);
    return new TrustDirectoryWatcher(folder, TrustDirectory.load(folder), digest, interval);
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
  public boolean check() {
    return watcher.check();
  }

  /** The folder changed: its material swapped in whole, then the listeners told. */
  private void reload() throws IOException {
    directory.replaceWith(TrustDirectory.load(folder));
    LOG.info("trust directory " + folder + " changed on disk; reloaded (CRLs, CAs, nodes)");
    for (Runnable l : listeners) {
      try {
        l.run();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "a trust-change listener failed", e);
      }
    }
  }

  @Override
  public void close() {
    watcher.close();
  }
}

package org.liaison.node.store;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import org.h2.mvstore.MVStore;
import org.jboss.logging.Logger;
import org.liaison.node.config.NodeConfig;
import org.liaison.node.records.ImportActivity;
import org.liaison.node.runtime.BackgroundJobs;

/**
 * Keeps the embedded H2 file near the size of its data. With {@code WRITE_DELAY=0} (every commit on
 * disk before an audited answer leaves) H2 runs no background writer, and with it no compaction:
 * every commit appends a chunk, and the chunks that later commits made mostly dead are never
 * rewritten, so the file grew with the number of commits, not with the data (decision 0017). This
 * does what that background writer would: when the chunks are mostly dead, outside imports, it
 * rewrites the live pages of the emptiest chunks ({@link MVStore#compact(int, int)}), so their
 * space is reused. It never moves chunks on the open store ({@code MVStore.compactFile}): in H2
 * 2.4.240 that failed an internal assertion under concurrent commits and closed the store.
 */
@ApplicationScoped
public class StoreHousekeeping {
  private static final Logger LOG = Logger.getLogger(StoreHousekeeping.class);

  /**
   * Compact when the live share of the chunks, or the used share of the file, falls below this
   * (percent).
   */
  static final int COMPACT_BELOW_FILL = 60;

  @Inject AgroalDataSource dataSource;
  @Inject ImportActivity imports;
  @Inject NodeConfig config;
  @Inject BackgroundJobs jobs;
  @Inject StoreDurability durability;

  /** Chunks below this live share (percent) are rewritten. */
  static final int TARGET_FILL = 80;

  void start(@Observes StartupEvent event) {
    jobs.every(
        "store-housekeeping", Duration.ofSeconds(config.store().housekeepingSeconds()), this::run);
  }

  private void run() {
    try {
      // commits no audit or import batch followed (workflow steps, consents) reach the disk, and
      // the chunks they emptied become reusable (decision 0038)
      durability.flushCommitted();
    } catch (RuntimeException e) {
      LOG.warnf("store housekeeping: %s; trying again later", e.toString());
      return;
    }
    if (imports.busy()) {
      return; // an import writes faster than a slice compacts; its end is the time to do it
    }
    try {
      compactIfSparse();
    } catch (SQLException | RuntimeException e) {
      LOG.warnf("store housekeeping: %s; trying again later", e.toString());
    }
  }

  /**
   * What one round found and did: the live share of the chunks and the used share of the file
   * before (percent), the file size before and after, and whether it ran a compaction.
   */
  public record Round(
      int liveChunksPercent,
      int usedFilePercent,
      long fileBefore,
      long fileAfter,
      boolean compacted) {}

  /**
   * Compacts the store if its chunks are mostly dead; null when the database is not an embedded H2
   * file.
   */
  public Round compactIfSparse() throws SQLException {
    MVStore store = EmbeddedStore.of(dataSource);
    if (store == null) {
      return null;
    }
    int fill = store.getFileStore().getChunksFillRate();
    int used = store.getFillRate();
    long before = store.getFileStore().size();
    if (fill >= COMPACT_BELOW_FILL && used >= COMPACT_BELOW_FILL) {
      return new Round(fill, used, before, before, false);
    }
    long started = System.nanoTime();
    store.compact(TARGET_FILL, config.store().compactBytes());
    long after = store.getFileStore().size();
    LOG.logf(
        before - after >= 16L << 20 ? Logger.Level.INFO : Logger.Level.DEBUG,
        "store compacted in %d ms: chunks %d%% live, file %d%% used, %d -> %d MiB",
        (System.nanoTime() - started) / 1_000_000,
        fill,
        used,
        before >> 20,
        after >> 20);
    return new Round(fill, used, before, after, true);
  }
}

package org.liaison.node.store;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import org.h2.mvstore.MVStore;
import org.jboss.logging.Logger;
import org.liaison.node.config.NodeConfig;
import org.liaison.node.query.LookupActivity;
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
   * Compact while the live share of the chunks is below this (percent). Rewriting does not raise it
   * far past 65 %: each rewritten page also rewrites its parents, so the rounds would never end.
   */
  static final int COMPACT_BELOW_LIVE_CHUNKS = 60;

  /**
   * Compact while the chunks fill less of the file than this (percent). A store that grew fast (an
   * import, then the held filters catching up) is left with chunks whose live pages sit among
   * holes; the rewritten pages fill the holes near the start, the last chunks empty, and H2 cuts
   * the file there. At 60 % (before, decision 0065) a 200,000-subject file stopped at a third
   * holes.
   */
  static final int COMPACT_BELOW_USED_FILE = 80;

  @Inject AgroalDataSource dataSource;
  @Inject ImportActivity imports;
  @Inject LookupActivity lookups;
  @Inject NodeConfig config;
  @Inject BackgroundJobs jobs;
  @Inject StoreDurability durability;
  @Inject MeterRegistry registry;

  /**
   * H2 rewrites the emptiest chunks while their live share is below this (percent). At 80 (before,
   * decision 0065) a file 40 % holes between chunks 80 % live was left as it was.
   */
  static final int TARGET_FILL = 95;

  /**
   * While partners' lookups are answered, a round waits unless the last one ran at least this long
   * ago (milliseconds; {@link RoundsYieldToLookups}).
   */
  static final long LOOKUPS_HOLD_BACK_MS = 60_000;

  private RoundsYieldToLookups yieldToLookups;

  @PostConstruct
  void init() {
    yieldToLookups =
        new RoundsYieldToLookups(lookups, System::currentTimeMillis, LOOKUPS_HOLD_BACK_MS);
  }

  void start(@Observes StartupEvent event) {
    jobs.every(
        "store-housekeeping", Duration.ofSeconds(config.store().housekeepingSeconds()), this::run);
  }

  /**
   * What a scheduled round came to, counted in {@code liaison_node_store_housekeeping_rounds_total}
   * by outcome: a round that is {@link #IDLE} (nothing to compact, or nothing H2 could rewrite, or
   * no embedded H2 file) says the file stays as it is until more is written (decision 0068).
   */
  enum Outcome {
    IDLE,
    COMPACTED,
    DEFERRED_FOR_IMPORT,
    DEFERRED_FOR_LOOKUPS,
    FAILED
  }

  private void run() {
    round();
  }

  /** One scheduled round, counted by its outcome. */
  Outcome round() {
    Outcome outcome = roundOutcome();
    Counter.builder("liaison.node.store.housekeeping.rounds")
        .description("Store housekeeping rounds, by outcome (idle: nothing left to compact)")
        .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
        .register(registry)
        .increment();
    return outcome;
  }

  private Outcome roundOutcome() {
    try {
      // commits no audit or import batch followed (workflow steps, consents) reach the disk, and
      // the chunks they emptied become reusable (decision 0038)
      durability.flushCommitted();
    } catch (RuntimeException e) {
      LOG.warnf("store housekeeping: %s; trying again later", e.toString());
      return Outcome.FAILED;
    }
    if (imports.busy()) {
      // an import writes faster than a slice compacts; its end is the time to do it
      return Outcome.DEFERRED_FOR_IMPORT;
    }
    if (yieldToLookups.holdBack()) {
      // the round would hold the store's lock through the answers' audit commits
      return Outcome.DEFERRED_FOR_LOOKUPS;
    }
    try {
      Round round = compactIfSparse();
      return round != null && round.compacted() ? Outcome.COMPACTED : Outcome.IDLE;
    } catch (SQLException | RuntimeException e) {
      LOG.warnf("store housekeeping: %s; trying again later", e.toString());
      return Outcome.FAILED;
    }
  }

  /**
   * What one round found and did: the live share of the chunks and the used share of the file
   * before (percent), the file size before and after, and whether its compaction rewrote pages
   * (none may be rewritable: a store whose holes lie between chunks that are mostly live).
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
    return store == null ? null : compactIfSparse(store, config.store().compactBytes());
  }

  /** One round on this store: at most {@code maxBytes} of live pages rewritten. */
  static Round compactIfSparse(MVStore store, int maxBytes) {
    int fill = store.getFileStore().getChunksFillRate();
    int used = store.getFillRate();
    long before = store.getFileStore().size();
    if (!sparse(fill, used)) {
      return new Round(fill, used, before, before, false);
    }
    long started = System.nanoTime();
    boolean rewrote = store.compact(TARGET_FILL, maxBytes);
    long after = store.getFileStore().size();
    LOG.logf(
        before - after >= 16L << 20 ? Logger.Level.INFO : Logger.Level.DEBUG,
        "store compacted in %d ms: chunks %d%% live, file %d%% used, %d -> %d MiB",
        (System.nanoTime() - started) / 1_000_000,
        fill,
        used,
        before >> 20,
        after >> 20);
    return new Round(fill, used, before, after, rewrote);
  }

  /** Whether a store with these live chunk and used file shares (percent) is worth compacting. */
  static boolean sparse(int liveChunksPercent, int usedFilePercent) {
    return liveChunksPercent < COMPACT_BELOW_LIVE_CHUNKS
        || usedFilePercent < COMPACT_BELOW_USED_FILE;
  }
}

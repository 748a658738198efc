package org.liaison.node.deconfliction.filters;

import com.google.protobuf.ByteString;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;
import org.liaison.node.config.NodeConfig;
import org.liaison.node.deconfliction.DeconflictionTerms;
import org.liaison.node.deconfliction.events.PlannedOperations;
import org.liaison.node.deconfliction.filters.HeldFilterRows.Filter;
import org.liaison.node.deconfliction.matching.OprfKeys;
import org.liaison.node.deconfliction.targets.ActiveTargets;
import org.liaison.node.records.ImportActivity;
import org.liaison.node.records.RecordsChanged;
import org.liaison.node.runtime.BackgroundJobs;
import org.liaison.wire.oprf.OprfServer;
import org.liaison.wire.v1.MatchKind;

/**
 * The filters this node publishes, one per partner and kind, kept in step with its records: any
 * committed change marks them stale and a background thread brings the filters partners hold up to
 * date (rebuilt on a new key epoch, or when it outgrows its size, keeping the PRF values already
 * computed). A partner's request brings its filter up to date itself, or waits up to {@link
 * #CATCH_UP_WAIT} for the catch-up under way to finish it, so that a check made just after an
 * operation was planned sees it; during an import and the catch-up after it, and past that wait, it
 * is answered from the filter as it stands, so a large import never holds a partner's check past
 * its deadline.
 */
@ApplicationScoped
public class HeldFilters {
  private static final Logger LOG = Logger.getLogger(HeldFilters.class);
  private static final Duration CATCH_UP_DELAY = Duration.ofMillis(200);

  /**
   * How long a partner's request waits for a catch-up that holds its filter: bringing a filter up
   * to date with a few changes takes milliseconds, and a partner's deadline is seconds.
   */
  static final Duration CATCH_UP_WAIT = Duration.ofSeconds(1);

  /**
   * While a bulk import runs, the catch-up waits for it to pause, but never longer than this: a
   * long import still publishes its new targets to partners every so often (decision 0017).
   */
  static final long MAX_IMPORT_DEFER_MS = 30_000;

  @Inject OprfKeys keys;
  @Inject ActiveTargets targets;
  @Inject PlannedOperations operations;
  @Inject DeconflictionTerms terms;
  @Inject NodeConfig config;
  @Inject ImportActivity imports;
  @Inject BackgroundJobs jobs;
  @Inject AgroalDataSource db;
  private ImportActivity.Deferral importDeferral;

  private final Map<Filter, HeldFilter> filters = new ConcurrentHashMap<>();
  private final Map<Filter, ReentrantLock> locks = new ConcurrentHashMap<>();

  /** Filters named on disk at start and not made again since. */
  private final Set<Filter> heldBefore = ConcurrentHashMap.newKeySet();

  private final AtomicLong changes = new AtomicLong();
  private final AtomicBoolean catchUpQueued = new AtomicBoolean();

  /** From an import's first deferred catch-up until a catch-up has gone through every filter. */
  private final AtomicBoolean catchingUpAfterImport = new AtomicBoolean();

  /** One catch-up at a time, as on the single thread this replaced. */
  private BackgroundJobs.Serial catchUps;

  /**
   * The filters held before a restart are brought up to date at once, not when their partner next
   * asks: rows of targets removed meanwhile leave the disk without waiting for that partner.
   */
  void onStart(@Observes StartupEvent started) {
    heldBefore.addAll(HeldFilterRows.named(db));
    if (!heldBefore.isEmpty()) {
      scheduleCatchUp();
    }
  }

  void onChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) RecordsChanged change) {
    invalidate();
  }

  /** Marks every filter stale (after changes made outside the importer). */
  public void invalidate() {
    changes.incrementAndGet();
    scheduleCatchUp();
  }

  private void scheduleCatchUp() {
    if (catchUpQueued.compareAndSet(false, true)) {
      jobs.after("held filters catch-up", CATCH_UP_DELAY, catchUps::run);
    }
  }

  @PostConstruct
  void init() {
    importDeferral = imports.deferral(MAX_IMPORT_DEFER_MS);
    catchUps = jobs.serial("held filters catch-up", this::catchUp);
  }

  private void catchUp() {
    if (importDeferral.holdBack()) {
      catchingUpAfterImport.set(true);
      jobs.after("held filters catch-up", CATCH_UP_DELAY, catchUps::run);
      return;
    }
    catchUpQueued.set(false);
    try {
      catchUpAll();
    } finally {
      catchingUpAfterImport.set(false);
    }
  }

  private void catchUpAll() {
    Set<Filter> all = new LinkedHashSet<>(filters.keySet());
    all.addAll(heldBefore);
    for (Filter k : all) {
      ReentrantLock lock = locks.computeIfAbsent(k, x -> new ReentrantLock());
      lock.lock();
      try {
        // a catch-up gives the cores back to a running import after each published slice, and
        // goes on at its next turn
        if (update(k, imports::busy).syncedChange() != changes.get()) {
          scheduleCatchUp();
        }
      } catch (RuntimeException e) {
        LOG.warnf("filter for %s: %s; trying again at the next change", k.partner(), e.toString());
      } finally {
        lock.unlock();
      }
    }
  }

  /**
   * The partner's filter of this kind under this agreement, current with this node's records (or
   * being made so): only cases in the agreement's crime categories contribute.
   */
  public HeldFilter current(String partner, String agreementId, MatchKind kind) {
    Filter key = new Filter(partner, agreementId, kind);
    ReentrantLock lock = locks.computeIfAbsent(key, k -> new ReentrantLock());
    HeldFilter f = filters.get(key);
    if (f != null && f.epoch == keys.ring().currentEpoch()) {
      // during an import and the catch-up after it, the background catch-up publishes the new
      // targets (any of the filters it is going through); the partner is answered from the filter
      // as it stands rather than waiting for their PRF values
      if (f.syncedChange() == changes.get()
          || imports.busy()
          || catchingUpAfterImport.get()
          || !lockWithin(lock, CATCH_UP_WAIT)) {
        return f;
      }
    } else {
      lock.lock();
    }
    try {
      return update(key, () -> false);
    } finally {
      lock.unlock();
    }
  }

  private static boolean lockWithin(ReentrantLock lock, Duration wait) {
    try {
      return lock.tryLock(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Brings one filter up to date, or part of the way when {@code pause} says so between slices (a
   * filter rebuilt from scratch is always completed); the caller holds its lock.
   */
  private HeldFilter update(Filter key, BooleanSupplier pause) {
    long change = changes.get();
    long epoch = keys.ring().currentEpoch();
    HeldFilter f = filters.get(key);
    if (f != null && f.epoch == epoch && f.syncedChange() == change) {
      return f;
    }
    Set<String> scope = terms.crimeCategories(key.agreementId());
    Map<ByteString, Set<String>> inputs =
        key.kind() == MatchKind.EVENT
            ? operations.allTokens(scope, terms.eventTokens(key.agreementId()))
            : targets.all(scope);
    if (f == null || f.epoch != epoch || !f.sync(inputs, change, pause)) {
      // a filter made again (restart, outgrown) takes the PRF values its rows hold under its key
      HeldFilterRows rows = new HeldFilterRows(db, key, epoch);
      OprfServer server = keys.ring().server(key.partner(), epoch);
      if (f == null || f.epoch != epoch) {
        rows.claim(server.publicKey());
      }
      f =
          new HeldFilter(
              key.kind(),
              epoch,
              server,
              inputs.size(),
              config.deconfliction().filterPartBytes(),
              rows);
      f.sync(inputs, change);
      filters.put(key, f);
      heldBefore.remove(key);
    }
    return f;
  }
}

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
import java.util.List;
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

  /** Per filter: what changed since its last catch-up (decisions 0047 and 0077). */
  private final Map<Filter, FilterWalk> walks = new ConcurrentHashMap<>();

  /** Filters being made, not yet published (kept between the slices of their first walk). */
  private final Map<Filter, HeldFilter> making = new ConcurrentHashMap<>();

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
    if (change.caseNumber() == null) {
      invalidate();
    } else {
      invalidate(change.caseNumber());
    }
  }

  /**
   * Marks every filter stale after a change to one case (its status, crime categories, subjects or
   * operations): target filters read that case's targets again, event filters their operations.
   */
  public void invalidate(String caseNumber) {
    // recorded before the change is counted: a catch-up that counts it also finds the case
    walks.values().forEach(w -> w.changed(caseNumber));
    changes.incrementAndGet();
    scheduleCatchUp();
  }

  /**
   * Marks every filter stale after changes made outside the importer, not known case by case: each
   * filter walks every case or operation again (in slices, as after a restart).
   */
  public void invalidate() {
    walks.values().forEach(FilterWalk::walkAll);
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
    all.addAll(making.keySet());
    all.addAll(heldBefore);
    for (Filter k : all) {
      ReentrantLock lock = locks.computeIfAbsent(k, x -> new ReentrantLock());
      lock.lock();
      try {
        // a catch-up gives the cores back to a running import after each published slice, and
        // goes on at its next turn
        HeldFilter f = update(k, imports::busy);
        if (f == null || f.syncedChange() != changes.get()) {
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

  /**
   * Whether every filter this node publishes holds every change committed so far: no catch-up
   * queued or under way, none being made, none held before a restart left to bring up to date.
   */
  public boolean caughtUp() {
    long now = changes.get();
    return !catchUpQueued.get()
        && making.isEmpty()
        && heldBefore.isEmpty()
        && filters.values().stream().allMatch(f -> f.syncedChange() == now);
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
   * Brings one filter up to date, or part of the way when {@code pause} says so between slices; the
   * caller holds its lock. Returns the published filter (null while a new one is being made).
   */
  private HeldFilter update(Filter key, BooleanSupplier pause) {
    long change = changes.get();
    long epoch = keys.ring().currentEpoch();
    HeldFilter f = filters.get(key);
    if (f != null && f.epoch == epoch && f.syncedChange() == change) {
      return f;
    }
    Set<String> scope = terms.crimeCategories(key.agreementId());
    WalkedInputs inputs =
        key.kind() == MatchKind.TARGET
            ? new CaseInputs(targets, scope)
            : new OperationInputs(operations, scope, terms.eventTokens(key.agreementId()));
    return walk(key, f, epoch, change, scope, inputs, pause);
  }

  /**
   * A filter made again: it takes the PRF values its rows hold under its key (restart, outgrown),
   * or starts clean under a new key. Its rows are counted (a read of them before the one that fills
   * the filter) only when nothing in the heap says how many they are: an outgrown filter's rows are
   * those of the filter it replaces, fewer than the entries expected.
   */
  private HeldFilter made(Filter key, HeldFilter last, long epoch, long expectedEntries) {
    HeldFilterRows rows = new HeldFilterRows(db, key, epoch);
    OprfServer server = keys.ring().server(key.partner(), epoch);
    boolean outgrown = last != null && last.epoch == epoch;
    if (!outgrown) {
      rows.claim(server.publicKey());
    }
    return new HeldFilter(
        key.kind(),
        epoch,
        server,
        outgrown ? Math.max(expectedEntries, last.size()) : Math.max(expectedEntries, rows.count()),
        config.deconfliction().filterPartBytes(),
        rows);
  }

  /**
   * A filter follows its references (decisions 0047 and 0077): a target filter reads the targets of
   * the cases that changed and its rows of those cases only; an event filter, and a filter made
   * (first request, restart, new key) or whose agreement's scope changed, walks every reference
   * instead, in slices ({@link FilterWalk}): the live ones in scope, then those its rows name that
   * are no longer (closed, out of scope, gone). It holds one slice of the inputs at a time, stops
   * between slices when {@code pause} says so and goes on from there at its next turn; a filter
   * being made is published once its walk is done.
   */
  private HeldFilter walk(
      Filter key,
      HeldFilter published,
      long epoch,
      long change,
      Set<String> scope,
      WalkedInputs inputs,
      BooleanSupplier pause) {
    FilterWalk walk = walks.computeIfAbsent(key, k -> new FilterWalk(k.kind() == MatchKind.TARGET));
    HeldFilter f = published;
    if (f == null || f.epoch != epoch) {
      f = making.get(key);
      if (f == null || f.epoch != epoch) {
        f = made(key, published, epoch, 0);
        making.put(key, f);
        walk.walkAll();
      }
    }
    walk.scope(scope);
    HeldFilter[] at = {f};
    boolean done =
        walk.catchUp(
            inputs,
            new FilterWalk.Walked() {
              @Override
              public void sync(List<String> refs, Map<ByteString, Set<String>> current) {
                at[0] = syncCases(key, at[0], refs, current);
              }

              @Override
              public List<String> refsAfter(String after, int n) {
                return at[0].refsAfter(after, n);
              }
            },
            pause);
    f = at[0];
    if (!done) {
      f.commit();
      return filters.get(key);
    }
    f.synced(change);
    filters.put(key, f);
    making.remove(key);
    heldBefore.remove(key);
    return f;
  }

  /** One slice of references, on a filter made again larger from its rows when it outgrows it. */
  private HeldFilter syncCases(
      Filter key, HeldFilter f, List<String> cases, Map<ByteString, Set<String>> current) {
    while (!f.syncRefs(cases, current)) {
      HeldFilter larger = made(key, f, f.epoch, f.size() + current.size());
      if (filters.get(key) == f) {
        filters.put(key, larger);
      } else {
        making.put(key, larger);
      }
      f = larger;
    }
    return f;
  }
}

package org.liaison.node.deconfliction;

import com.google.protobuf.ByteString;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.liaison.node.config.NodeConfig;
import org.liaison.node.records.RecordsChanged;
import org.liaison.wire.v1.MatchKind;

/**
 * The filters this node publishes, one per partner and kind, kept in step with its records: any
 * committed change marks them stale, and the next request from a partner brings its filter up to
 * date (rebuilt on a new key epoch, or when it outgrows its size).
 */
@ApplicationScoped
public class HeldFilters {
  @Inject OprfKeys keys;
  @Inject ActiveTargets targets;
  @Inject PlannedOperations operations;
  @Inject DeconflictionTerms terms;
  @Inject NodeConfig config;

  private final Map<String, HeldFilter> filters = new ConcurrentHashMap<>();
  private final Map<String, Object> locks = new ConcurrentHashMap<>();
  private final AtomicLong changes = new AtomicLong();

  void onChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) RecordsChanged change) {
    changes.incrementAndGet();
  }

  /** Marks every filter stale (after changes made outside the importer). */
  public void invalidate() {
    changes.incrementAndGet();
  }

  /**
   * The partner's filter of this kind under this agreement, current with this node's records: only
   * cases in the agreement's crime categories contribute.
   */
  HeldFilter current(String partner, String agreementId, MatchKind kind) {
    String key = partner + "|" + agreementId + "|" + kind;
    synchronized (locks.computeIfAbsent(key, k -> new Object())) {
      long change = changes.get();
      long epoch = keys.ring().currentEpoch();
      HeldFilter f = filters.get(key);
      if (f != null && f.epoch == epoch && f.syncedChange() == change) {
        return f;
      }
      Set<String> scope = terms.crimeCategories(agreementId);
      Map<ByteString, Set<String>> inputs =
          kind == MatchKind.EVENT
              ? operations.allTokens(scope, terms.eventTokens(agreementId))
              : targets.all(scope);
      if (f == null || f.epoch != epoch || !f.sync(inputs, change)) {
        f =
            new HeldFilter(
                kind,
                epoch,
                keys.ring().server(partner, epoch),
                inputs.size(),
                config.deconfliction().filterPartBytes());
        f.sync(inputs, change);
        filters.put(key, f);
      }
      return f;
    }
  }
}

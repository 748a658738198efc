package org.liaison.node.deconfliction;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import org.liaison.node.config.NodeConfig;
import org.liaison.node.records.RecordsChanged;
import org.liaison.node.runtime.NodeRuntime;

/**
 * Runs de-confliction when records change: a changed case, subject or record re-checks the
 * case's targets; a changed operation is checked for events. Changes are queued and coalesced
 * (ten lines of one case make one check) and run on one background thread, after the import
 * committed, so a slow partner never slows an import. Seeding at start-up runs before the
 * listeners, and is not checked.
 */
@ApplicationScoped
public class DeconflictionTriggers {
  private static final Logger LOG = Logger.getLogger(DeconflictionTriggers.class);
  private static final ThreadLocal<Boolean> SUPPRESSED = ThreadLocal.withInitial(() -> false);

  @Inject NodeConfig config;
  @Inject NodeRuntime runtime;
  @Inject TargetDeconfliction targets;
  @Inject EventDeconfliction events;

  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "deconfliction-triggers");
            t.setDaemon(true);
            return t;
          });
  private final Set<String> pendingCases = new LinkedHashSet<>();
  private final Set<String> pendingOperations = new LinkedHashSet<>();

  void onChange(@Observes RecordsChanged change) {
    if (SUPPRESSED.get() || !config.deconfliction().triggers() || !runtime.ready()) {
      return;
    }
    boolean schedule;
    synchronized (this) {
      boolean idle = pendingCases.isEmpty() && pendingOperations.isEmpty();
      if ("operation".equals(change.kind())) {
        pendingOperations.add(change.id());
      } else if (change.caseNumber() != null) {
        pendingCases.add(change.caseNumber());
      }
      schedule = idle;
    }
    if (schedule) {
      worker.execute(this::drain);
    }
  }

  /** Runs {@code action} without triggering checks (its caller checks itself). */
  public static <T> T withoutTriggers(Supplier<T> action) {
    SUPPRESSED.set(true);
    try {
      return action.get();
    } finally {
      SUPPRESSED.set(false);
    }
  }

  private void drain() {
    while (true) {
      String caseNumber = null;
      String operation = null;
      synchronized (this) {
        if (!pendingCases.isEmpty()) {
          caseNumber = pendingCases.iterator().next();
          pendingCases.remove(caseNumber);
        } else if (!pendingOperations.isEmpty()) {
          operation = pendingOperations.iterator().next();
          pendingOperations.remove(operation);
        } else {
          return;
        }
      }
      try {
        if (caseNumber != null) {
          targets.checkCase(caseNumber, "node:" + config.node()).join();
        } else {
          events
              .checkOperation(operation, "node:" + config.node(), events.partners(), config.query().deadlineMs(), o -> {})
              .join();
        }
      } catch (RuntimeException e) {
        LOG.warnf("automatic de-confliction check failed: %s", e.toString());
      }
    }
  }

  @PreDestroy
  void stop() {
    worker.shutdownNow();
  }
}

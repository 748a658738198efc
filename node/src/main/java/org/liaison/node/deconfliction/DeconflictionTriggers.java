package org.liaison.node.deconfliction;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import org.liaison.node.config.NodeConfig;
import org.liaison.node.partners.PartnerAgreement;
import org.liaison.node.records.RecordsChanged;
import org.liaison.node.runtime.NodeRuntime;
import org.liaison.wire.v1.PartnerAnswer;

/**
 * Runs de-confliction when records change: a changed case, subject or record re-checks the case's
 * targets; a changed operation is checked for events. Changes are queued and coalesced (ten lines
 * of one case make one check) and run on one background thread, after the import committed, so a
 * slow partner never slows an import; a partner that is down or too slow is asked again later (5 s,
 * 20 s, 1 min, 5 min). Seeding at start-up runs before the listeners, and is not checked.
 */
@ApplicationScoped
public class DeconflictionTriggers {
  private static final Logger LOG = Logger.getLogger(DeconflictionTriggers.class);
  private static final long[] RETRY_DELAYS_S = {5, 20, 60, 300};
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
  private final ScheduledExecutorService retries =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "deconfliction-retries");
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
      if (caseNumber != null) {
        checkCase(caseNumber, targets.partners(), 0);
      } else {
        checkOperation(operation, events.partners(), 0);
      }
    }
  }

  private void checkCase(String caseNumber, List<PartnerAgreement> with, int attempt) {
    List<PartnerAgreement> failed = new CopyOnWriteArrayList<>();
    try {
      targets
          .checkCase(caseNumber, officer(), with, deadlineMs(), o -> collectTransient(o, failed))
          .join();
    } catch (RuntimeException e) {
      LOG.warnf("automatic target check of case %s failed: %s", caseNumber, e.toString());
    }
    retry(failed, attempt, rest -> checkCase(caseNumber, rest, attempt + 1));
  }

  private void checkOperation(String operation, List<PartnerAgreement> with, int attempt) {
    List<PartnerAgreement> failed = new CopyOnWriteArrayList<>();
    try {
      events
          .checkOperation(
              operation, officer(), with, deadlineMs(), o -> collectTransient(o, failed))
          .join();
    } catch (RuntimeException e) {
      LOG.warnf("automatic event check of operation %s failed: %s", operation, e.toString());
    }
    retry(failed, attempt, rest -> checkOperation(operation, rest, attempt + 1));
  }

  /** Partners that were down or slow are asked again later; refusals are final. */
  private static void collectTransient(MatchFanOut.Outcome o, List<PartnerAgreement> failed) {
    if (o.failure() != null
        && (o.failure().status() == PartnerAnswer.Status.UNAVAILABLE
            || o.failure().status() == PartnerAnswer.Status.DEADLINE_EXCEEDED)) {
      failed.add(o.partner());
    }
  }

  private void retry(
      List<PartnerAgreement> failed, int attempt, Consumer<List<PartnerAgreement>> again) {
    if (failed.isEmpty() || attempt >= RETRY_DELAYS_S.length) {
      return;
    }
    List<PartnerAgreement> rest = List.copyOf(failed);
    retries.schedule(
        () -> worker.execute(() -> again.accept(rest)), RETRY_DELAYS_S[attempt], TimeUnit.SECONDS);
  }

  private String officer() {
    return "node:" + config.node();
  }

  /** Background checks are not waited on by anyone, so they allow partners more time. */
  private long deadlineMs() {
    return Math.max(config.query().deadlineMs(), 10_000);
  }

  @PreDestroy
  void stop() {
    retries.shutdownNow();
    worker.shutdownNow();
  }
}

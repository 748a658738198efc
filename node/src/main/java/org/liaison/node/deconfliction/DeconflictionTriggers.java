package org.liaison.node.deconfliction;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import org.liaison.node.config.NodeConfig;
import org.liaison.node.deconfliction.PendingChecks.Due;
import org.liaison.node.deconfliction.PendingChecks.Kind;
import org.liaison.node.deconfliction.events.EventDeconfliction;
import org.liaison.node.deconfliction.matching.MatchFanOut;
import org.liaison.node.deconfliction.targets.TargetDeconfliction;
import org.liaison.node.partners.PartnerAgreement;
import org.liaison.node.records.ImportActivity;
import org.liaison.node.records.RecordsChanged;
import org.liaison.node.retry.RetryPolicy;
import org.liaison.node.runtime.BackgroundJobs;
import org.liaison.node.runtime.NodeRuntime;
import org.liaison.wire.v1.PartnerAnswer;
import org.liaison.wire.v1.Reason;

/**
 * Runs de-confliction when records change: a changed case, subject or record re-checks the case's
 * targets; a changed operation is checked for events. Seeded records count as created.
 *
 * <p>The change queues its check in the import's own transaction ({@link PendingChecks}); one
 * background thread runs the queue once the node is serving (many lines of one case make one check;
 * the scheduler's job and a wake-up after a commit never run it twice at once), so a slow partner
 * never slows an import. A partner that is down, too slow, or over its rate or quota is asked again
 * later (5 s, 20 s, 1 min, 5 min, 15 min, then hourly for a week); the queue is in the database, so
 * neither a restart nor an outage loses a check.
 */
@ApplicationScoped
public class DeconflictionTriggers {
  private static final Logger LOG = Logger.getLogger(DeconflictionTriggers.class);

  /** From 5 s doubling to hourly, for about a week (10 doublings, then 7 x 24 hourly attempts). */
  static final RetryPolicy RETRY =
      new RetryPolicy(Duration.ofSeconds(5), Duration.ofHours(1), 10 + 7 * 24);

  private static final int BATCH = 20;
  private static final Set<Reason> TRANSIENT_REFUSALS =
      Set.of(Reason.RATE_LIMITED, Reason.QUOTA_EXHAUSTED, Reason.AUDIT_UNAVAILABLE);
  private static final ThreadLocal<Boolean> SUPPRESSED = ThreadLocal.withInitial(() -> false);

  @Inject NodeConfig config;
  @Inject NodeRuntime runtime;
  @Inject TargetDeconfliction targets;
  @Inject EventDeconfliction events;
  @Inject PendingChecks pending;
  @Inject ImportActivity imports;
  @Inject BackgroundJobs jobs;

  /**
   * While a bulk import runs, the queued checks wait for it to pause (one check per case and import
   * instead of one per batch), but never longer than this (decision 0017).
   */
  static final long MAX_IMPORT_DEFER_MS = 30_000;

  private ImportActivity.Deferral importDeferral;

  private BackgroundJobs.Serial drains;

  @PostConstruct
  void init() {
    importDeferral = imports.deferral(MAX_IMPORT_DEFER_MS);
    drains = jobs.serial("de-confliction queue", this::drain);
  }

  void start(@Observes StartupEvent event) {
    if (config.deconfliction().triggers()) {
      jobs.every("deconfliction-triggers", Duration.ofSeconds(1), drains::run);
    }
  }

  /** In the transaction of the change: the check is queued if and only if the change commits. */
  void queue(@Observes(during = TransactionPhase.IN_PROGRESS) RecordsChanged change) {
    if (SUPPRESSED.get() || !config.deconfliction().triggers()) {
      return;
    }
    if ("operation".equals(change.kind())) {
      pending.enqueue(Kind.OPERATION, change.id());
    } else if (change.caseNumber() != null) {
      pending.enqueue(Kind.CASE, change.caseNumber());
    }
  }

  /** After the change committed: run the queue now rather than at the next poll. */
  void wake(@Observes(during = TransactionPhase.AFTER_SUCCESS) RecordsChanged change) {
    if (config.deconfliction().triggers()) {
      drains.request();
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
    if (!runtime.ready()) {
      return; // seeding queued its checks before the listeners; they run once the node serves
    }
    if (importDeferral.holdBack()) {
      return; // the next poll (every second) runs the queue once the import pauses
    }
    try {
      for (List<Due> due = pending.due(BATCH); !due.isEmpty(); due = pending.due(BATCH)) {
        due.forEach(this::run);
      }
    } catch (RuntimeException e) {
      LOG.warnf("de-confliction queue: %s; trying again shortly", e.toString());
    }
  }

  private void run(Due due) {
    Set<String> askAgain = new CopyOnWriteArraySet<>();
    Consumer<MatchFanOut.Outcome> collect = o -> collectTransient(o, askAgain);
    try {
      if (due.kind() == Kind.CASE) {
        targets.checkCase(
            due.item(), officer(), partners(targets.partners(), due), deadlineMs(), collect);
      } else {
        events
            .checkOperation(
                due.item(), officer(), partners(events.partners(), due), deadlineMs(), collect)
            .join();
      }
    } catch (RuntimeException e) {
      LOG.warnf("automatic check of %s %s failed: %s", due.kind(), due.item(), e.toString());
    }
    int attempt = due.attempts();
    if (!askAgain.isEmpty() && RETRY.givesUp(attempt + 1)) {
      LOG.errorf(
          "automatic check of %s %s gave up on %s after %d attempts; run it on demand",
          due.kind(), due.item(), askAgain, attempt + 1);
      askAgain.clear();
    }
    pending.done(due, askAgain, RETRY.after(attempt + 1));
  }

  private static List<PartnerAgreement> partners(List<PartnerAgreement> inForce, Due due) {
    return due.everyPartner()
        ? inForce
        : inForce.stream().filter(p -> due.partners().contains(p.agency())).toList();
  }

  /** Partners that were down, slow, or over a rate or quota are asked again; refusals are final. */
  private static void collectTransient(MatchFanOut.Outcome o, Set<String> askAgain) {
    if (o.failure() == null) {
      return;
    }
    PartnerAnswer.Status status = o.failure().status();
    if (status == PartnerAnswer.Status.UNAVAILABLE
        || status == PartnerAnswer.Status.DEADLINE_EXCEEDED
        || TRANSIENT_REFUSALS.contains(o.failure().reason())) {
      askAgain.add(o.partner().agency());
    }
  }

  private String officer() {
    return "node:" + config.node();
  }

  /** Background checks are not waited on by anyone, so they allow partners more time. */
  private long deadlineMs() {
    return Math.max(config.query().deadlineMs(), 10_000);
  }
}

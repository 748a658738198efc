package org.liaison.node.workflow;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;
import org.liaison.node.config.NodeConfig;
import org.liaison.node.runtime.BackgroundJobs;
import org.liaison.node.workflow.delivery.OutboxDelivery;
import org.liaison.node.workflow.timeliness.OverdueCheck;

/**
 * The node's workflow background work, on the scheduler: outbox delivery (every {@code
 * liaison.workflow.outbox-interval-ms}, and at once after an officer's step, one delivery at a
 * time) and the overdue check (every {@code liaison.workflow.overdue-check-interval-ms}). Off when
 * the runtime is off (unit tests drive both directly).
 */
@ApplicationScoped
public class WorkflowTimers {
  private static final Logger LOG = Logger.getLogger(WorkflowTimers.class);

  @Inject NodeConfig config;
  @Inject OutboxDelivery delivery;
  @Inject OverdueCheck overdue;
  @Inject BackgroundJobs jobs;

  private BackgroundJobs.Serial deliveries;

  void start(@Observes StartupEvent event) {
    if (!config.runtime().enabled()) {
      return;
    }
    deliveries = jobs.serial("workflow outbox delivery", this::deliver);
    jobs.every(
        "workflow-outbox",
        Duration.ofMillis(config.workflow().outboxIntervalMs()),
        deliveries::run);
    jobs.every(
        "workflow-overdue",
        Duration.ofMillis(config.workflow().overdueCheckIntervalMs()),
        this::checkOverdue);
  }

  /** Delivers due messages now (after an officer's step), instead of at the next tick. */
  public void kick() {
    if (deliveries != null) {
      deliveries.request();
    }
  }

  private void deliver() {
    try {
      delivery.deliverDue();
    } catch (RuntimeException e) {
      LOG.warnf(e, "workflow outbox delivery failed; retrying at the next tick");
    }
  }

  private void checkOverdue() {
    try {
      int n = overdue.flag(Instant.now());
      if (n > 0) {
        LOG.infof("%d workflow(s) flagged overdue", n);
      }
    } catch (RuntimeException e) {
      LOG.warnf(e, "overdue check failed; retrying at the next tick");
    }
  }
}

package org.liaison.node.workflow;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.liaison.node.config.NodeConfig;
import org.liaison.node.workflow.delivery.OutboxDelivery;
import org.liaison.node.workflow.timeliness.OverdueCheck;

/**
 * The node's workflow background work, on one thread: outbox delivery (every {@code
 * liaison.workflow.outbox-interval-ms}, and at once after an officer's step) and the overdue check
 * (every {@code liaison.workflow.overdue-check-interval-ms}). Off when the runtime is off (unit
 * tests drive both directly).
 */
@ApplicationScoped
public class WorkflowTimers {
  private static final Logger LOG = Logger.getLogger(WorkflowTimers.class);

  @Inject NodeConfig config;
  @Inject OutboxDelivery delivery;
  @Inject OverdueCheck overdue;

  private ScheduledExecutorService executor;

  void start(@Observes StartupEvent event) {
    if (!config.runtime().enabled()) {
      return;
    }
    executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "liaison-workflow");
              t.setDaemon(true);
              return t;
            });
    long outbox = config.workflow().outboxIntervalMs();
    long check = config.workflow().overdueCheckIntervalMs();
    executor.scheduleWithFixedDelay(this::deliver, outbox, outbox, TimeUnit.MILLISECONDS);
    executor.scheduleWithFixedDelay(this::checkOverdue, check, check, TimeUnit.MILLISECONDS);
  }

  /** Delivers due messages now (after an officer's step), instead of at the next tick. */
  public void kick() {
    if (executor != null) {
      executor.execute(this::deliver);
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

  void stop(@Observes ShutdownEvent event) {
    if (executor != null) {
      executor.shutdownNow();
    }
  }
}

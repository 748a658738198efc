package org.liaison.node.audit;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.liaison.node.config.NodeConfig;

/**
 * Asks every partner, every {@code liaison.audit.consistency-interval-ms}, to prove that its log
 * still contains what its checkpoints showed this node (and passes on what it holds of others), so
 * a rewritten or split history is found without an officer asking. Off when the runtime is off
 * (unit tests call {@link PartnerConsistency} directly); 0 turns it off.
 */
@ApplicationScoped
public class ConsistencySchedule {
  private static final Logger LOG = Logger.getLogger(ConsistencySchedule.class);

  @Inject NodeConfig config;
  @Inject PartnerConsistency consistency;

  private ScheduledExecutorService executor;

  void start(@Observes StartupEvent event) {
    long every = config.audit().consistencyIntervalMs();
    if (!config.runtime().enabled() || every <= 0) {
      return;
    }
    executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "liaison-audit-consistency");
              t.setDaemon(true);
              return t;
            });
    executor.scheduleWithFixedDelay(this::checkAll, every, every, TimeUnit.MILLISECONDS);
  }

  private void checkAll() {
    try {
      for (String outcome : consistency.checkAll()) {
        LOG.debugf("audit consistency: %s", outcome);
      }
    } catch (RuntimeException e) {
      LOG.warnf(e, "audit consistency check failed; trying again at the next interval");
    }
  }

  void stop(@Observes ShutdownEvent event) {
    if (executor != null) {
      executor.shutdownNow();
    }
  }
}

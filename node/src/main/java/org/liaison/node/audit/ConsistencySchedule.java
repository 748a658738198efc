package org.liaison.node.audit;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import org.jboss.logging.Logger;
import org.liaison.node.config.NodeConfig;
import org.liaison.node.runtime.BackgroundJobs;

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
  @Inject BackgroundJobs jobs;

  void start(@Observes StartupEvent event) {
    long every = config.audit().consistencyIntervalMs();
    if (!config.runtime().enabled() || every <= 0) {
      return;
    }
    jobs.every("audit-consistency", Duration.ofMillis(every), this::checkAll);
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
}

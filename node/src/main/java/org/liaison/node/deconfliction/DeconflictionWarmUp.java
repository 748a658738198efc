package org.liaison.node.deconfliction;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.liaison.node.config.NodeConfig;
import org.liaison.node.deconfliction.filters.HeldFilters;
import org.liaison.node.deconfliction.filters.PartnerFilters;
import org.liaison.node.deconfliction.matching.OprfKeys;
import org.liaison.node.partners.PartnerAgreement;
import org.liaison.node.runtime.BackgroundJobs;
import org.liaison.wire.oprf.BlindedInput;
import org.liaison.wire.oprf.OprfClient;
import org.liaison.wire.oprf.OprfKeyRing;
import org.liaison.wire.oprf.OprfMode;
import org.liaison.wire.oprf.OprfServer;
import org.liaison.wire.v1.MatchKind;

/**
 * Gets de-confliction ready after start-up, in the background, so that the first officer's check
 * does not pay for it within its deadline: runs the OPRF once (class loading, curve tables), builds
 * this node's filters for its partners, and fetches the partners' filters (retried while partners
 * are still starting).
 */
@ApplicationScoped
public class DeconflictionWarmUp {
  private static final Logger LOG = Logger.getLogger(DeconflictionWarmUp.class);
  private static final long[] ATTEMPTS_S = {2, 10, 30};

  @Inject NodeConfig config;
  @Inject OprfKeys keys;
  @Inject HeldFilters held;
  @Inject PartnerFilters partnerFilters;
  @Inject DeconflictionPartners partners;
  @Inject BackgroundJobs jobs;

  void start(@Observes StartupEvent event) {
    if (!config.runtime().enabled()) {
      return;
    }
    jobs.soon("de-confliction warm-up", this::local);
    jobs.after("partner filters", Duration.ofSeconds(ATTEMPTS_S[0]), () -> fetch(0));
  }

  private void local() {
    try {
      OprfKeyRing ring = keys.ring();
      OprfServer server = ring.server("warm.up", ring.currentEpoch());
      OprfClient client = new OprfClient(OprfMode.VOPRF);
      BlindedInput b = client.blind(new byte[] {1});
      client.finalizeVerifiable(
          List.of(b),
          server.blindEvaluateVerifiable(List.of(b.blindedElement())),
          server.publicKey());
      for (MatchKind kind : List.of(MatchKind.TARGET, MatchKind.EVENT)) {
        for (PartnerAgreement p : partners.forKind(kind)) {
          held.current(p.agency(), p.agreementId(), kind);
        }
      }
    } catch (RuntimeException e) {
      LOG.warnf("de-confliction warm-up: %s", e.toString());
    }
  }

  private void fetch(int attempt) {
    List<Runnable> failed = new ArrayList<>();
    for (MatchKind kind : List.of(MatchKind.TARGET, MatchKind.EVENT)) {
      for (PartnerAgreement p : partners.forKind(kind)) {
        fetchOne(p, kind, attempt, failed);
      }
    }
    retry(failed, attempt);
  }

  private void fetchOne(PartnerAgreement p, MatchKind kind, int attempt, List<Runnable> failed) {
    try {
      partnerFilters.refresh(p, kind, "node:" + config.node(), 10_000).get(12, TimeUnit.SECONDS);
    } catch (Exception e) {
      failed.add(
          () -> {
            List<Runnable> still = new ArrayList<>();
            fetchOne(p, kind, attempt + 1, still);
            retry(still, attempt + 1);
          });
    }
  }

  /** Only the partners that were not reachable yet are asked again, a few times early on. */
  private void retry(List<Runnable> failed, int attempt) {
    if (attempt + 1 < ATTEMPTS_S.length) {
      failed.forEach(
          r -> jobs.after("partner filters", Duration.ofSeconds(ATTEMPTS_S[attempt + 1]), r));
    }
  }
}

package org.liaison.node.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * Prometheus metrics of what this node exchanges: {@code liaison_node_exchanges_total} by direction
 * (out: asked by our officers, in: answered for partners), partner, message type and outcome
 * (MATCH, NO_MATCH, REFUSED, REJECTED, UNAVAILABLE, ...), and {@code
 * liaison_node_partner_answer_seconds} for how long partners took, by partner and status.
 */
@ApplicationScoped
public class ExchangeMetrics {
  @Inject MeterRegistry registry;

  public void exchange(String direction, String partner, String contentType, String outcome) {
    Counter.builder("liaison.node.exchanges")
        .description("Requests this node sent (out) or answered (in), by outcome")
        .tag("direction", direction.toLowerCase(java.util.Locale.ROOT))
        .tag("partner", partner == null ? "unknown" : partner)
        .tag("type", shortType(contentType))
        .tag("outcome", outcome == null ? "unknown" : outcome)
        .register(registry)
        .increment();
  }

  public void partnerAnswer(String partner, String status, long latencyMs) {
    Timer.builder("liaison.node.partner.answer")
        .description("Time from sending a request to a partner until its answer (or failure)")
        .tag("partner", partner)
        .tag("status", status)
        .publishPercentiles(0.5, 0.99)
        .register(registry)
        .record(Duration.ofMillis(latencyMs));
  }

  /** How many audit entries shared one commit and one signed checkpoint (group commit). */
  public void auditBatch(int entries) {
    DistributionSummary.builder("liaison.node.audit.batch.entries")
        .description("Audit entries written in one transaction under one signed checkpoint")
        .register(registry)
        .record(entries);
  }

  private static String shortType(String contentType) {
    if (contentType == null || contentType.isBlank()) {
      return "unknown";
    }
    int dot = contentType.lastIndexOf('.');
    return dot < 0 ? contentType : contentType.substring(dot + 1);
  }
}

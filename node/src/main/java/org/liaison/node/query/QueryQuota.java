package org.liaison.node.query;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.liaison.agreements.Agreement;
import org.liaison.node.config.NodeConfig;
import org.liaison.node.federation.InboundRequest;
import org.liaison.node.quota.DailyCounts;
import org.liaison.node.quota.DailyCounts.Kind;
import org.liaison.wire.v1.Reason;
import org.liaison.wire.v1.Refusal;

/**
 * Partners' queries this node answers per UTC day, held to the agreement's {@code
 * rate_limits.queries_per_day}: the answering side enforces what it agreed to. Counted by {@link
 * DailyCounts}.
 */
@ApplicationScoped
public class QueryQuota {
  @Inject DailyCounts counts;
  @Inject NodeConfig config;

  /**
   * Counts one query of the partner today against {@code agreement}'s {@code
   * rate_limits.queries_per_day}, or returns the refusal (nothing counted). The count is stored by
   * {@code request}'s answer, committed with its audit entries instead of in a transaction of its
   * own.
   */
  public Optional<Refusal> consume(InboundRequest request, Agreement agreement) {
    String partner = request.senderAgency();
    long limit = agreement.rateLimits() == null ? 0 : agreement.rateLimits().queriesPerDay();
    DailyCounts.Count counted;
    try {
      counted = counts.take(Kind.QUERY, partner, agreement.id(), 1, limit);
    } catch (DailyCounts.Exhausted e) {
      String me = config.agency();
      return Optional.of(
          Refusal.newBuilder()
              .setReason(Reason.QUOTA_EXHAUSTED)
              .setAgreementId(agreement.id())
              .setClause("rate_limits.queries_per_day")
              .setMessage(
                  partner
                      + " has used "
                      + e.used()
                      + " of the "
                      + e.limit()
                      + " queries per day that "
                      + me
                      + " answers under "
                      + agreement.id()
                      + ". The quota resets at 00:00 UTC; ask again then, or ask "
                      + me
                      + " to raise it in the agreement.")
              .build());
    }
    request.writeBeforeAnswer(counts.write(counted));
    return Optional.empty();
  }

  /** The partner's count today, if it asked anything. */
  public Optional<DailyCounts.Count> today(String partner) {
    return counts.today(Kind.QUERY, partner);
  }

  /** The partners that asked anything today. */
  public List<String> partnersToday() {
    return counts.on(DailyCounts.today()).stream()
        .filter(c -> c.kind() == Kind.QUERY)
        .map(DailyCounts.Count::partner)
        .toList();
  }
}

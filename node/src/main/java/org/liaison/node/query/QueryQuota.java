package org.liaison.node.query;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.liaison.node.federation.InboundRequest;
import org.liaison.node.quota.DailyCounts;
import org.liaison.node.quota.DailyCounts.Kind;

/**
 * Partners' queries this node answers per UTC day, held to the agreement's {@code
 * rate_limits.queries_per_day}: the answering side enforces what it agreed to. Counted by {@link
 * DailyCounts}.
 */
@ApplicationScoped
public class QueryQuota {
  @Inject DailyCounts counts;

  /**
   * Counts one query of the partner today, or refuses it (nothing counted). The count is stored by
   * {@code request}'s answer, committed with its audit entries instead of in a transaction of its
   * own.
   */
  public DailyCounts.Count consume(
      InboundRequest request, String partner, String agreementId, long limit)
      throws DailyCounts.Exhausted {
    DailyCounts.Count counted = counts.take(Kind.QUERY, partner, agreementId, 1, limit);
    request.writeBeforeAnswer(counts.write(counted));
    return counted;
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

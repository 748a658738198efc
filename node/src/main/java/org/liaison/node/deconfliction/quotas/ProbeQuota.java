package org.liaison.node.deconfliction.quotas;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.List;
import org.liaison.node.audit.AuditedWrite;
import org.liaison.node.config.NodeConfig;
import org.liaison.node.deconfliction.DeconflictionTerms;
import org.liaison.node.deconfliction.PartnerRefusals;
import org.liaison.node.federation.InboundRequest;
import org.liaison.node.quota.DailyCounts;
import org.liaison.node.quota.DailyCounts.Kind;
import org.liaison.wire.v1.QuotaCount;
import org.liaison.wire.v1.Refusal;

/**
 * De-confliction probes per partner per UTC day, counted by {@link DailyCounts}: {@code PROBE_IN}
 * counts the partner's blinded elements this node evaluated, against the agreement's {@code
 * deconfliction_probes_per_day}; {@code PROBE_OUT} keeps the count the partner last reported for
 * this node's probes.
 */
@ApplicationScoped
public class ProbeQuota {
  @Inject DailyCounts counts;
  @Inject DeconflictionTerms terms;
  @Inject NodeConfig config;

  /** A partner's batch that its quota for the day cannot take: refused whole, with this. */
  public static final class Exceeded extends Exception {
    private final transient Refusal refusal;

    Exceeded(Refusal refusal) {
      super(refusal.getMessage());
      this.refusal = refusal;
    }

    public Refusal refusal() {
      return refusal;
    }
  }

  /**
   * Counts the {@code n} probes of a partner's request (blinded elements to evaluate, or PRF values
   * claimed) against its agreement's daily quota, or refuses them all. No transaction of its own:
   * the count is stored by {@code request}'s answer, with its audit entries.
   */
  public QuotaCount consume(InboundRequest request, int n) throws Exceeded {
    String partner = request.senderAgency();
    String agreementId = request.agreementId();
    long limit = terms.dailyProbes(agreementId);
    DailyCounts.Count c;
    try {
      c = counts.take(Kind.PROBE_IN, partner, agreementId, n, limit);
    } catch (DailyCounts.Exhausted e) {
      throw new Exceeded(
          PartnerRefusals.quotaExhausted(
              config.agency(), partner, agreementId, e.used(), e.limit(), n));
    }
    request.writeBeforeAnswer(counts.write(c));
    return QuotaCount.newBuilder()
        .setAgreementId(agreementId)
        .setDay(c.day().toString())
        .setUsed(c.used())
        .setLimit(limit)
        .build();
  }

  /**
   * What a partner reported about this node's probes: counted at once, stored by the write
   * returned, which the caller commits with its journal line of the exchange.
   */
  public AuditedWrite reported(String partner, QuotaCount count) {
    LocalDate day =
        count.getDay().isEmpty() ? DailyCounts.today() : LocalDate.parse(count.getDay());
    return counts.report(
        Kind.PROBE_OUT, partner, count.getAgreementId(), day, count.getUsed(), count.getLimit());
  }

  /** The day's probe counts, both directions. */
  public List<DailyCounts.Count> on(LocalDate day) {
    return counts.on(day).stream().filter(c -> c.kind() != Kind.QUERY).toList();
  }
}

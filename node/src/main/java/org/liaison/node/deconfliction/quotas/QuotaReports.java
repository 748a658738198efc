package org.liaison.node.deconfliction.quotas;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.liaison.node.deconfliction.DeconflictionPartners;
import org.liaison.node.deconfliction.DeconflictionTerms;
import org.liaison.node.partners.PartnerAgreement;
import org.liaison.node.query.QueryQuota;
import org.liaison.node.quota.DailyCounts;
import org.liaison.wire.v1.PartnerQuota;
import org.liaison.wire.v1.QuotaReport;

/**
 * Today's counts with each partner: de-confliction probes in both directions, and the partner's
 * queries this node answered.
 */
@ApplicationScoped
public class QuotaReports {
  @Inject ProbeQuota quota;
  @Inject DeconflictionPartners partners;
  @Inject DeconflictionTerms terms;
  @Inject QueryQuota queries;

  public QuotaReport today() {
    LocalDate day = DailyCounts.today();
    Map<String, PartnerQuota.Builder> rows = new LinkedHashMap<>();
    for (PartnerAgreement p : partners.all()) {
      rows.put(
          p.agency(),
          PartnerQuota.newBuilder()
              .setPartnerAgency(p.agency())
              .setAgreementId(p.agreementId())
              .setAnsweredLimit(terms.dailyProbes(p.agreementId()))
              .setQueriesLimit(terms.dailyQueries(p.agreementId())));
    }
    for (DailyCounts.Count c : quota.on(day)) {
      PartnerQuota.Builder b =
          rows.computeIfAbsent(
              c.partner(),
              k -> PartnerQuota.newBuilder().setPartnerAgency(k).setAgreementId(c.agreementId()));
      if (c.kind() == DailyCounts.Kind.PROBE_IN) {
        b.setAnsweredToday(c.used()).setAnsweredLimit(c.limit());
      } else {
        b.setSentToday(c.used()).setPartnerLimit(c.limit());
      }
    }
    // a partner that only asked queries (no probes, no deconfliction terms) has a row too
    for (String partner : queries.partnersToday()) {
      rows.computeIfAbsent(partner, k -> PartnerQuota.newBuilder().setPartnerAgency(k));
    }
    rows.forEach(
        (partner, b) ->
            queries
                .today(partner)
                .ifPresent(c -> b.setQueriesAnsweredToday(c.used()).setQueriesLimit(c.limit())));
    QuotaReport.Builder r = QuotaReport.newBuilder().setDay(day.toString());
    rows.values().forEach(r::addPartners);
    return r.build();
  }
}

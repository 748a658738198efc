package org.liaison.node.deconfliction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.liaison.node.partners.PartnerAgreement;
import org.liaison.wire.v1.PartnerQuota;
import org.liaison.wire.v1.QuotaReport;

/** Today's probe counts with each partner, in both directions. */
@ApplicationScoped
public class QuotaReports {
  @Inject ProbeQuota quota;
  @Inject DeconflictionPartners partners;
  @Inject DeconflictionTerms terms;

  public QuotaReport today() {
    LocalDate day = ProbeQuota.today();
    Map<String, PartnerQuota.Builder> rows = new LinkedHashMap<>();
    for (PartnerAgreement p : partners.all()) {
      rows.put(
          p.agency(),
          PartnerQuota.newBuilder()
              .setPartnerAgency(p.agency())
              .setAgreementId(p.agreementId())
              .setAnsweredLimit(terms.dailyProbes(p.agreementId())));
    }
    for (ProbeQuota.Count c : quota.on(day)) {
      PartnerQuota.Builder b =
          rows.computeIfAbsent(
              c.partner(),
              k -> PartnerQuota.newBuilder().setPartnerAgency(k).setAgreementId(c.agreementId()));
      if (c.direction().equals("IN")) {
        b.setAnsweredToday(c.used()).setAnsweredLimit(c.limit());
      } else {
        b.setSentToday(c.used()).setPartnerLimit(c.limit());
      }
    }
    QuotaReport.Builder r = QuotaReport.newBuilder().setDay(day.toString());
    rows.values().forEach(r::addPartners);
    return r.build();
  }
}

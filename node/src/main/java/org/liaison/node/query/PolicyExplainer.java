package org.liaison.node.query;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.TreeSet;
import org.liaison.agreements.AgreementStore;
import org.liaison.node.config.NodeConfig;
import org.liaison.node.consent.ConsentLedger;
import org.liaison.node.search.RecordMatch;
import org.liaison.node.search.RecordSearch;
import org.liaison.policy.Check;
import org.liaison.policy.Decision;
import org.liaison.policy.PolicyEngine;
import org.liaison.policy.PolicyRequest;
import org.liaison.wire.v1.WhyAnswer;
import org.liaison.wire.v1.WhyRequest;

/**
 * Answers "why would this partner get this record (or not)": the same decision the query responder
 * takes, with the same record facts and consents, shown clause by clause.
 */
@ApplicationScoped
public class PolicyExplainer {
  @Inject RecordSearch search;
  @Inject AgreementStore agreements;
  @Inject ConsentLedger consents;
  @Inject NodeConfig config;

  public WhyAnswer explain(WhyRequest r) {
    if (r.getRecordId().isBlank()) {
      throw new InvalidOfficerRequest("say which record (--record ID)");
    }
    if (r.getPartnerAgency().isBlank()) {
      throw new InvalidOfficerRequest("say which partner agency asks (--partner AGENCY)");
    }
    RecordMatch record =
        search
            .byRecordId(r.getRecordId())
            .orElseThrow(
                () -> new InvalidOfficerRequest("this node holds no record " + r.getRecordId()));
    var facts =
        RecordFactsOf.match(
            config.agency(), record, consents.granted(record.recordId(), r.getPartnerAgency()));
    PolicyRequest request =
        PolicyRequest.of(
            agreements.all(),
            r.getPartnerAgency(),
            r.getOfficerRole(),
            r.getPurpose(),
            r.getCaseReference(),
            facts);
    if (!r.getField().isBlank()) {
      request = request.withField(r.getField());
    }
    Decision d = PolicyEngine.decide(request);
    WhyAnswer.Builder answer =
        WhyAnswer.newBuilder()
            .setOutcome(WhyAnswer.Outcome.valueOf(d.outcome().name()))
            .addAllFields(new TreeSet<>(d.fields()))
            .addAllCaveats(d.caveats())
            .setAgreementId(d.agreementId())
            .setClause(d.clause())
            .setSentence(d.sentence())
            .setExplanation(d.explain());
    if (d.tier() != null) {
      answer.setTier(d.tier());
    }
    if (d.reason() != null) {
      answer.setReason(d.reason());
    }
    for (Check c : d.checks()) {
      answer.addChecks(c.toString());
    }
    return answer.build();
  }
}

package org.liaison.node.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.liaison.node.deconfliction.LoopbackProfile;
import org.liaison.node.deconfliction.quotas.QuotaReports;
import org.liaison.node.federation.ExchangeScope;
import org.liaison.node.federation.InboundRequest;
import org.liaison.node.quota.DailyCounts;
import org.liaison.wire.v1.Identifier;
import org.liaison.wire.v1.IdentifierType;
import org.liaison.wire.v1.PartnerQuota;
import org.liaison.wire.v1.QueryAnswer;
import org.liaison.wire.v1.QueryRequest;
import org.liaison.wire.v1.Reason;

/** The answering node holds a partner to the agreement's queries_per_day (100 in test-dc-2026). */
@QuarkusTest
@TestProfile(LoopbackProfile.class)
class QueryQuotaTest {
  private static final String PARTNER = "us.partner";
  private static final String AGREEMENT = "test-dc-2026";

  @Inject QueryResponder responder;
  @Inject QueryQuota quota;
  @Inject QuotaReports reports;

  @Test
  void theQueryAfterTheLastOfTheDay_isRefusedWithTheAgreementClauseAndASentence() throws Exception {
    long used = quota.today(PARTNER).map(DailyCounts.Count::used).orElse(0L);
    for (long i = used; i < 100; i++) {
      InboundRequest r = request();
      QueryAnswer a = (QueryAnswer) responder.handle(r);
      assertThat(a.hasRefusal()).as("query %d of 100", i + 1).isFalse();
      // the count is stored by the answer's audit transaction, with its entries
      assertThat(r.writesBeforeAnswer()).hasSize(1);
    }
    assertThat(quota.today(PARTNER)).hasValueSatisfying(c -> assertThat(c.used()).isEqualTo(100));

    InboundRequest refusedRequest = request();
    QueryAnswer refused = (QueryAnswer) responder.handle(refusedRequest);
    assertThat(refusedRequest.writesBeforeAnswer()).isEmpty();
    assertThat(refused.getOutcome()).isEqualTo(QueryAnswer.Outcome.REFUSED);
    assertThat(refused.getRefusal().getReason()).isEqualTo(Reason.QUOTA_EXHAUSTED);
    assertThat(refused.getRefusal().getAgreementId()).isEqualTo(AGREEMENT);
    assertThat(refused.getRefusal().getClause()).isEqualTo("rate_limits.queries_per_day");
    assertThat(refused.getRefusal().getMessage())
        .contains("us.partner has used 100 of the 100 queries per day")
        .contains("resets at 00:00 UTC");
    // a refused query is not counted, and both numbers show in the officers' quota report
    assertThat(quota.today(PARTNER)).hasValueSatisfying(c -> assertThat(c.used()).isEqualTo(100));
    PartnerQuota row =
        reports.today().getPartnersList().stream()
            .filter(p -> p.getPartnerAgency().equals(PARTNER))
            .findFirst()
            .orElseThrow();
    assertThat(row.getQueriesAnsweredToday()).isEqualTo(100);
    assertThat(row.getQueriesLimit()).isEqualTo(100);
  }

  private InboundRequest request() {
    QueryRequest q =
        QueryRequest.newBuilder()
            .setIdentifier(
                Identifier.newBuilder().setType(IdentifierType.PHONE).setValue("+12025550100"))
            .build();
    return new InboundRequest(
        new ExchangeScope(PARTNER, AGREEMENT, "DRUG_TRAFFICKING", "Q-QUOTA-1"),
        "node-1",
        "officer-1",
        UUID.randomUUID().toString(),
        QueryRequest.getDescriptor().getFullName(),
        q.toByteArray());
  }
}

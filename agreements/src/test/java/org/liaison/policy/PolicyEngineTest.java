package org.liaison.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.liaison.agreements.AgreementStatus;
import org.liaison.agreements.AgreementStore;
import org.liaison.agreements.ReferenceAgreements;
import org.liaison.agreements.TestFederation;
import org.liaison.policy.Decision.Outcome;
import org.liaison.wire.v1.Reason;
import org.liaison.wire.v1.Tier;

/** Decision tables over the seven signed reference agreements (acceptance cases 2, 3, 4 and 9). */
class PolicyEngineTest {
  static List<AgreementStatus> inForce;

  static final Map<String, String> VOLKOV =
      Map.of(
          "name",
          "Dmitriy Volkov",
          "name_latin",
          "Dmitriy Volkov",
          "date_of_birth",
          "1979-03-14",
          "nationality",
          "RU",
          "crime_categories",
          "HUMAN_SMUGGLING",
          "case_status",
          "OPEN",
          "phone",
          "+7 495 555 0100",
          "address",
          "Moscow, ul. Tverskaya 1",
          "informant",
          "CS-17");

  static final Map<String, String> PNR =
      Map.of(
          "name",
          "Dmitriy Volkov",
          "date_of_birth",
          "1979-03-14",
          "travel_date",
          "2026-02-01",
          "flight",
          "SU100",
          "origin",
          "SVO",
          "destination",
          "JFK",
          "booking_reference",
          "X1Y2Z3",
          "payment_card",
          "4111...1111");

  @BeforeAll
  static void agreements() {
    inForce = new AgreementStore(TestFederation.freshAgreements()).all();
    assertThat(inForce).allMatch(AgreementStatus::inForce);
  }

  /** ru.skr's investigator asks, for {@code purpose}, about an us.ice subject of that crime. */
  static PolicyRequest skrInvestigatorAsks(String purpose, String caseReference) {
    return PolicyRequest.of(
        inForce, "ru.skr", "INVESTIGATOR", purpose, caseReference, iceSubject(purpose));
  }

  static RecordFacts iceSubject(String crime) {
    return RecordFacts.own("us.ice", "SUBJECT_PROFILE", Set.of(crime), VOLKOV);
  }

  static RecordFacts pnrAtIce() {
    return new RecordFacts(
        "us.ice",
        "us.cbp",
        "PNR",
        Set.of("INTERNATIONAL_ORGANIZED_CRIME"),
        PNR,
        List.of("TLP:AMBER"),
        false);
  }

  @Test
  void decide_case2_narcoticsFromSkrIsRefusedNamingAgreementAndPurposeClause() {
    Decision d = PolicyEngine.decide(skrInvestigatorAsks("NARCOTICS", "SKR-2026-1"));
    assertThat(d.outcome()).isEqualTo(Outcome.DENY);
    assertThat(d.reason()).isEqualTo(Reason.PURPOSE_NOT_PERMITTED);
    assertThat(d.agreementId()).isEqualTo("ice-skr-2010");
    assertThat(d.clause()).isEqualTo("directions[us.ice->ru.skr].purposes");
    assertThat(d.sentence()).contains("NARCOTICS").contains("ice-skr-2010");
    assertThat(d.applyTo(iceSubject("NARCOTICS")).fields()).isEmpty();
    assertThat(d.explain())
        .contains("DENIED (PURPOSE_NOT_PERMITTED)")
        .contains("[FAIL] ice-skr-2010 directions[us.ice->ru.skr].purposes");
  }

  @Test
  void decide_case3_humanSmugglingFromSkrAtSummaryWithOnlyTheListedFields() {
    Decision d = PolicyEngine.decide(skrInvestigatorAsks("HUMAN_SMUGGLING", "SKR-2026-2"));
    assertThat(d.outcome()).isEqualTo(Outcome.ALLOW);
    assertThat(d.tier()).isEqualTo(Tier.SUMMARY);
    assertThat(d.agreementId()).isEqualTo("ice-skr-2010");
    assertThat(d.fields())
        .containsExactlyInAnyOrder(
            "name",
            "name_latin",
            "date_of_birth",
            "nationality",
            "crime_categories",
            "case_status");
    DisclosedView v = d.applyTo(iceSubject("HUMAN_SMUGGLING"));
    assertThat(v.fields())
        .containsEntry("name", "Dmitriy Volkov")
        .containsEntry("date_of_birth", "1979-03-14")
        .doesNotContainKeys("phone", "address", "informant");
    assertThat(v.tier()).isEqualTo(Tier.SUMMARY);
  }

  @Test
  void decide_case3_singleFieldOutsideTheListIsRefused() {
    PolicyRequest r = skrInvestigatorAsks("HUMAN_SMUGGLING", "c");
    Decision phone = PolicyEngine.decide(r.withField("phone"));
    assertThat(phone.allowed()).isFalse();
    assertThat(phone.clause())
        .isEqualTo("directions[us.ice->ru.skr].records[SUBJECT_PROFILE].fields");
    Decision name = PolicyEngine.decide(r.withField("name"));
    assertThat(name.fields()).containsExactly("name");
  }

  @Test
  void decide_case4_pnrFromCbpIsWithheldFromIoc2UntilCbpConsents() {
    PolicyRequest r =
        PolicyRequest.of(
            inForce, "us.ioc2", "ANALYST", "INTERNATIONAL_ORGANIZED_CRIME", "IOC2-7", pnrAtIce());
    Decision withheld = PolicyEngine.decide(r);
    assertThat(withheld.outcome()).isEqualTo(Outcome.WITHHELD);
    assertThat(withheld.reason()).isEqualTo(Reason.ORIGINATOR_CONSENT_REQUIRED);
    assertThat(withheld.agreementId()).isEqualTo("cbp-ice-2005");
    assertThat(withheld.clause()).isEqualTo("directions[us.cbp->us.ice].onward[PNR]");
    assertThat(withheld.consentFrom()).contains("us.cbp");
    DisclosedView v = withheld.applyTo(pnrAtIce());
    assertThat(v.withheld()).isTrue();
    assertThat(v.fields()).isEmpty();

    Decision consented = PolicyEngine.decide(r.withRecord(pnrAtIce().withConsent(true)));
    assertThat(consented.outcome()).isEqualTo(Outcome.ALLOW);
    assertThat(consented.agreementId()).isEqualTo("ice-ioc2-2009");
    assertThat(consented.tier()).isEqualTo(Tier.SUMMARY);
    assertThat(consented.fields())
        .doesNotContain("booking_reference", "payment_card")
        .contains("flight");
    assertThat(consented.caveats()).contains("TLP:AMBER", "H2", "EU-PNR", "ORIGINATOR:us.cbp");
    assertThat(consented.explain()).contains("us.cbp consented");
  }

  @Test
  void decide_cbpIceNeedToKnowRoleCheck() {
    RecordFacts interdiction =
        RecordFacts.own(
            "us.cbp",
            "INTERDICTION",
            Set.of("BORDER_ENFORCEMENT"),
            Map.of("port", "MIA", "item", "cash"));
    Decision analyst =
        PolicyEngine.decide(
            PolicyRequest.of(
                inForce, "us.ice", "ANALYST", "BORDER_ENFORCEMENT", "c", interdiction));
    assertThat(analyst.reason()).isEqualTo(Reason.ROLE_NOT_PERMITTED);
    assertThat(analyst.clause()).isEqualTo("directions[us.cbp->us.ice].roles");
    Decision agent =
        PolicyEngine.decide(
            PolicyRequest.of(
                inForce, "us.ice", "case_agent", "BORDER_ENFORCEMENT", "c", interdiction));
    assertThat(agent.tier()).isEqualTo(Tier.FULL);
    assertThat(agent.applyTo(interdiction).fields()).containsOnlyKeys("port", "item");
  }

  @Test
  void decide_pointerLevelBetweenDeaAndIce() {
    RecordFacts roi =
        RecordFacts.own("us.dea", "ROI", Set.of("DRUG_TRAFFICKING"), Map.of("summary", "secret"));
    Decision d =
        PolicyEngine.decide(
            PolicyRequest.of(inForce, "us.ice", "CASE_AGENT", "DRUG_TRAFFICKING", "c", roi));
    assertThat(d.tier()).isEqualTo(Tier.POINTER);
    assertThat(d.fields()).isEmpty();
    DisclosedView v = d.applyTo(roi);
    assertThat(v.recordCategory()).isEqualTo("ROI");
    assertThat(v.fields()).isEmpty();
    Decision hit =
        PolicyEngine.decide(
            PolicyRequest.of(inForce, "us.ice", "CASE_AGENT", "DRUG_TRAFFICKING", "c", roi)
                .withRequestedTier(Tier.HIT));
    assertThat(hit.tier()).isEqualTo(Tier.HIT);
    assertThat(hit.applyTo(roi).recordCategory()).isEmpty();
  }

  @Test
  void decide_noAgreementAndUnsharedCategoryAndCrimeCategory() {
    RecordFacts dea = RecordFacts.own("us.dea", "ROI", Set.of("DRUG_TRAFFICKING"), Map.of());
    assertThat(
            PolicyEngine.decide(
                    PolicyRequest.of(inForce, "ru.skr", "X", "DRUG_TRAFFICKING", "c", dea))
                .reason())
        .isEqualTo(Reason.NO_AGREEMENT);
    RecordFacts intercept =
        RecordFacts.own("us.ice", "INTERCEPT", Set.of("HUMAN_SMUGGLING"), Map.of());
    Decision cat =
        PolicyEngine.decide(
            PolicyRequest.of(inForce, "ru.skr", "X", "HUMAN_SMUGGLING", "c", intercept));
    assertThat(cat.reason()).isEqualTo(Reason.RECORD_CATEGORY_NOT_SHARED);
    assertThat(cat.clause()).isEqualTo("directions[us.ice->ru.skr].records");
    Decision crime =
        PolicyEngine.decide(
            PolicyRequest.of(
                inForce, "ru.skr", "X", "HUMAN_SMUGGLING", "c", iceSubject("NARCOTICS")));
    assertThat(crime.reason()).isEqualTo(Reason.CRIME_CATEGORY_NOT_PERMITTED);
    assertThat(crime.clause()).isEqualTo("crime_categories");
  }

  @Test
  void decide_case9_expiredAgreementRefusesEveryRequest() throws Exception {
    Path dir = Files.createTempDirectory("expired");
    ReferenceAgreements.writeExpired(
        "ice-skr-2010", TestFederation.pki(), dir, TestFederation.today());
    List<AgreementStatus> expired = new AgreementStore(dir).all();
    for (String purpose : List.of("HUMAN_SMUGGLING", "CYBER_CRIME", "NARCOTICS", "")) {
      for (String category : List.of("SUBJECT_PROFILE", "CASE_SUMMARY", "ROI")) {
        RecordFacts rec = RecordFacts.own("us.ice", category, Set.of("HUMAN_SMUGGLING"), VOLKOV);
        Decision d =
            PolicyEngine.decide(
                PolicyRequest.of(expired, "ru.skr", "INVESTIGATOR", purpose, "c", rec));
        assertThat(d.allowed()).isFalse();
        assertThat(d.reason()).isEqualTo(Reason.AGREEMENT_EXPIRED);
        assertThat(d.agreementId()).isEqualTo("ice-skr-2010");
        assertThat(d.clause()).isEqualTo("end");
      }
    }
  }
}

package org.liaison.cluster.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.liaison.cluster.it.Officers.from;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.liaison.agreements.AgreementStore;
import org.liaison.agreements.LifecycleEvent;
import org.liaison.agreements.ReferenceAgreements;
import org.liaison.cli.NodeClient;
import org.liaison.cluster.Federation;
import org.liaison.cluster.FederationTest;
import org.liaison.wire.transport.Refusals;
import org.liaison.wire.v1.Disclosure;
import org.liaison.wire.v1.PartnerAnswer;
import org.liaison.wire.v1.PartnerCheckAnswer;
import org.liaison.wire.v1.Reason;
import org.liaison.wire.v1.Tier;
import org.liaison.wire.v1.WhyAnswer;
import org.liaison.wire.v1.WhyRequest;

/**
 * The acceptance cases of the reference federation, against real node and gateway processes on
 * loopback: one federation for the class. The cases that stop or reconfigure a process put it back
 * and wait until the path they disturbed answers again, so the cases pass in any order.
 */
@FederationTest(agencies = {"us.ice", "us.cbp", "us.dea", "ru.skr", "us.ioc2"})
class FederationAcceptanceTest {

  @Test
  void case1_targetConflict_bothAgentsGetEachOthersContactOnly(Federation f) {
    List<PartnerCheckAnswer> answers;
    try (NodeClient ice = f.node("us.ice").client()) {
      answers = ice.checkAll(Officers.phoneCheck("+1 305 555 0142", "ICE-MIA-2026-0311"));
    }
    PartnerCheckAnswer dea = Officers.checkFrom(answers, "us.dea");
    assertThat(dea.getStatus()).isEqualTo(PartnerAnswer.Status.MATCH);
    assertThat(dea.getAnswer().getConflictsList())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.getCaseReference()).isEqualTo("DEA-MIA-2026-0142");
              assertThat(c.getPointOfContact().getName()).isEqualTo("Special Agent Maria Alvarez");
              assertThat(c.getPointOfContact().getAgency()).isEqualTo("us.dea");
            });
    // the conflict answer carries a case reference and a contact, nothing of the case itself
    assertThat(dea.getAnswer().toString()).doesNotContain("Rojas").doesNotContain("cocaine");
  }

  @Test
  void query_answeredAcrossAgencies_atTheTierTheAgreementAllows(Federation f) {
    List<PartnerAnswer> answers;
    try (NodeClient ice = f.node("us.ice").client()) {
      answers =
          ice.queryAll(
              Officers.phoneQuery(
                  "(305) 555-0142", "DRUG_TRAFFICKING", "ICE-MIA-2026-0311", "us.dea"));
    }
    PartnerAnswer dea = from(answers, "us.dea");
    assertThat(dea.getStatus()).as(dea.toString()).isEqualTo(PartnerAnswer.Status.MATCH);
    assertThat(dea.getAgreementId()).isEqualTo("dea-ice-xdes-2009");
    assertThat(dea.getAnswer().getDisclosuresList())
        .isNotEmpty()
        .allSatisfy(
            d -> {
              assertThat(d.getTier()).isEqualTo(Tier.POINTER);
              assertThat(d.getCaseReference()).isEqualTo("DEA-MIA-2026-0142");
              assertThat(d.getFieldsMap()).isEmpty();
            });
  }

  @Test
  void case2_outOfScope_refusedNamingAgreementAndPurpose(Federation f) {
    List<PartnerAnswer> answers;
    try (NodeClient skr = f.node("ru.skr").client()) {
      answers =
          skr.queryAll(
              Officers.phoneQuery("+1 786 555 0123", "NARCOTICS", "SK-77-2026-0117", "us.ice"));
    }
    PartnerAnswer ice = from(answers, "us.ice");
    assertThat(ice.getStatus()).isEqualTo(PartnerAnswer.Status.REFUSED);
    assertThat(ice.getReason()).isEqualTo(Reason.PURPOSE_NOT_PERMITTED);
    assertThat(ice.getAgreementId()).isEqualTo("ice-skr-2010");
    assertThat(ice.getAnswer().getRefusal().getMessage())
        .contains("ice-skr-2010")
        .contains("NARCOTICS");
    assertThat(ice.getAnswer().getDisclosuresList()).isEmpty();
  }

  @Test
  void case3_cyrillicName_matchesLatinRecordAtSummaryTierWithListedFieldsOnly(Federation f) {
    List<PartnerAnswer> answers;
    try (NodeClient skr = f.node("ru.skr").client()) {
      answers = skr.queryAll(volkovFromSkr());
    }
    PartnerAnswer ice = from(answers, "us.ice");
    assertThat(ice.getStatus()).as(ice.toString()).isEqualTo(PartnerAnswer.Status.MATCH);
    List<Disclosure> disclosures = ice.getAnswer().getDisclosuresList();
    assertThat(disclosures).isNotEmpty();
    for (Disclosure d : disclosures) {
      assertThat(d.getTier().getNumber()).isLessThanOrEqualTo(Tier.SUMMARY_VALUE);
      assertThat(d.getFieldsMap().keySet())
          .isSubsetOf(
              "name",
              "name_latin",
              "date_of_birth",
              "nationality",
              "crime_categories",
              "case_status");
    }
  }

  @Test
  void case7_partnerDown_reportedUnavailableWithinTheDeadline(Federation f) {
    f.node("us.dea").stop();
    try (NodeClient ice = f.node("us.ice").client()) {
      long started = System.nanoTime();
      List<PartnerAnswer> answers =
          ice.queryAll(
              Officers.phoneQuery("+1 305 555 0142", "DRUG_TRAFFICKING", "ICE-MIA-2026-0311")
                  .toBuilder()
                  .setDeadlineMs(4000)
                  .build());
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      assertThat(answers)
          .extracting(PartnerAnswer::getPartnerAgency)
          .contains("us.dea", "us.cbp", "ru.skr", "us.ioc2");
      PartnerAnswer dea = from(answers, "us.dea");
      assertThat(dea.getStatus())
          .isIn(PartnerAnswer.Status.UNAVAILABLE, PartnerAnswer.Status.DEADLINE_EXCEEDED);
      assertThat(answers)
          .filteredOn(a -> !a.getPartnerAgency().equals("us.dea"))
          .allSatisfy(
              a ->
                  assertThat(a.getStatus())
                      .isNotIn(
                          PartnerAnswer.Status.UNAVAILABLE,
                          PartnerAnswer.Status.DEADLINE_EXCEEDED));
      assertThat(took).isLessThan(Duration.ofMillis(4000 + 1500));
    } finally {
      f.node("us.dea").start();
    }
    Officers.awaitIceAnsweredByDea(f);
  }

  @Test
  void case8_tamperedEnvelope_rejectedWithReasonAndNothingDisclosed(Federation f) {
    f.gateway("us.dea").option("liaison.gateway.test.flip-byte", "inbound");
    f.gateway("us.dea").option("quarkus.profile", "tamper-test");
    f.gateway("us.dea").restart();
    try (NodeClient ice = f.node("us.ice").client()) {
      // the restarted gateway may not be reachable at once (UNAVAILABLE): that is the path coming
      // back, not the answer; what arrives once it is back is what this case is about
      long until = System.nanoTime() + PATIENCE.toNanos();
      PartnerAnswer dea;
      do {
        dea = Officers.askCase1Phone(ice, "ICE-MIA-2026-0311", "us.dea");
      } while (dea.getStatus() == PartnerAnswer.Status.UNAVAILABLE
          && System.nanoTime() < until
          && pause());
      assertThat(dea.getStatus()).as(dea.toString()).isEqualTo(PartnerAnswer.Status.REJECTED);
      assertThat(dea.getReason()).isIn(Reason.SIGNATURE_INVALID, Reason.DECRYPTION_FAILED);
      assertThat(dea.hasAnswer()).isFalse();
    } finally {
      f.gateway("us.dea").option("liaison.gateway.test.flip-byte", "off");
      f.gateway("us.dea").option("quarkus.profile", null);
      f.gateway("us.dea").restart();
    }
    Officers.awaitIceAnsweredByDea(f);
  }

  @Test
  void case9_expiredAgreement_everyRequestUnderItIsRefusedOnArrival(Federation f) throws Exception {
    // only ICE's copy ends: ru.skr still believes it is in force and sends; ICE refuses on arrival.
    // The gateways must already be connected (a new handshake would be refused at ICE's gateway,
    // which admits only agencies with an agreement in force there): one query while in force, so
    // this test does not rely on an earlier one having connected them.
    try (NodeClient skr = f.node("ru.skr").client()) {
      PartnerAnswer before = from(skr.queryAll(volkovFromSkr()), "us.ice");
      assertThat(before.getStatus()).as(before.toString()).isEqualTo(PartnerAnswer.Status.MATCH);
    }
    Path iceCopy = f.workDir().resolve("us.ice").resolve("agreements");
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    ReferenceAgreements.writeExpired("ice-skr-2010", f.pkiDir(), iceCopy, today);
    try {
      awaitStoreRefresh();
      List<PartnerAnswer> answers;
      try (NodeClient skr = f.node("ru.skr").client()) {
        answers = skr.queryAll(volkovFromSkr());
      }
      PartnerAnswer ice = from(answers, "us.ice");
      assertThat(ice.getStatus()).as(ice.toString()).isEqualTo(PartnerAnswer.Status.REFUSED);
      assertThat(ice.getReason()).isEqualTo(Reason.AGREEMENT_EXPIRED);
      assertThat(ice.getAnswer().getDisclosuresList()).isEmpty();
      // and ICE itself no longer counts ru.skr among the partners it may ask
      try (NodeClient ice2 = f.node("us.ice").client()) {
        assertThatThrownBy(
                () ->
                    ice2.queryAll(
                        Officers.phoneQuery(
                            "+1 718 555 0179", "HUMAN_SMUGGLING", "ICE-NY-2026-0044", "ru.skr")))
            .isInstanceOfSatisfying(
                StatusRuntimeException.class,
                e -> {
                  assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                  assertThat(Refusals.reasonOf(e)).contains(Reason.INVALID_ARGUMENT);
                  assertThat(Refusals.sentenceOf(e))
                      .startsWith("no agreement with ru.skr is in force");
                });
      }
    } finally {
      ReferenceAgreements.write(
          "ice-skr-2010",
          f.pkiDir(),
          iceCopy,
          today.minusDays(ReferenceAgreements.START_DAYS_AGO),
          today.plusYears(ReferenceAgreements.END_YEARS_AHEAD));
      awaitStoreRefresh();
    }
    // in force again both ways, as found
    Officers.awaitAnswered(f, "ru.skr", volkovFromSkr(), "us.ice", PATIENCE);
    Officers.awaitAnswered(
        f,
        "us.ice",
        Officers.phoneQuery("+1 718 555 0179", "HUMAN_SMUGGLING", "ICE-NY-2026-0044", "ru.skr"),
        "ru.skr",
        PATIENCE);
  }

  private static boolean pause() {
    Alerts.pause(200);
    return true;
  }

  /** How long a path disturbed by a test may take to answer again. */
  private static final Duration PATIENCE = Duration.ofMinutes(2);

  private static org.liaison.wire.v1.OfficerQueryRequest volkovFromSkr() {
    return Officers.personQuery(
        "Дмитрий Волков",
        "1979-03-14",
        "HUMAN_SMUGGLING",
        "SK-77-2026-0117",
        "INVESTIGATOR",
        "us.ice");
  }

  @Test
  void suspendedAgreement_requestsInFlightAreRefusedWhenTheyArrive(Federation f) throws Exception {
    // the gateways' connection is up before the suspension: TLS admission happened under it
    assertThat(Officers.awaitIceAnsweredByDea(f).getStatus()).isEqualTo(PartnerAnswer.Status.MATCH);
    AgreementStore deaCopy =
        new AgreementStore(f.workDir().resolve("us.dea").resolve("agreements"));
    deaCopy.record(
        "dea-ice-xdes-2009", LifecycleEvent.Action.SUSPEND, "us.dea", "integration test");
    try {
      awaitStoreRefresh();
      PartnerAnswer dea;
      try (NodeClient ice = f.node("us.ice").client()) {
        dea = Officers.askCase1Phone(ice, "ICE-MIA-2026-0311", "us.dea");
      }
      assertThat(dea.getStatus()).as(dea.toString()).isEqualTo(PartnerAnswer.Status.REFUSED);
      assertThat(dea.getReason()).isEqualTo(Reason.AGREEMENT_SUSPENDED);
      assertThat(dea.getAnswer().getDisclosuresList()).isEmpty();
    } finally {
      deaCopy.record(
          "dea-ice-xdes-2009", LifecycleEvent.Action.RESUME, "us.dea", "integration test over");
      awaitStoreRefresh();
    }
    assertThat(Officers.awaitIceAnsweredByDea(f).getStatus())
        .as("resumed: answered again")
        .isEqualTo(PartnerAnswer.Status.MATCH);
  }

  /** Nodes re-read their agreements folder at most once a second. */
  private static void awaitStoreRefresh() throws InterruptedException {
    Thread.sleep(1500);
  }

  @Test
  void case4_thirdPartyRule_pnrContentWithheldAndSaidWithheld(Federation f) {
    List<PartnerAnswer> answers;
    try (NodeClient ioc2 = f.node("us.ioc2").client()) {
      answers =
          ioc2.queryAll(
              Officers.personQuery(
                  "Viktor Petrenko",
                  "1971-11-05",
                  "INTERNATIONAL_ORGANIZED_CRIME",
                  "IOC2-2026-0015",
                  "ANALYST",
                  "us.ice"));
    }
    PartnerAnswer ice = from(answers, "us.ice");
    assertThat(ice.getStatus()).as(ice.toString()).isEqualTo(PartnerAnswer.Status.MATCH);
    assertThat(ice.getAnswer().getWithheldList())
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.getRecordId()).isEqualTo("ice-r-0102-pnr");
              assertThat(w.getOriginatorAgency()).isEqualTo("us.cbp");
              assertThat(w.getReason()).isEqualTo(Reason.ORIGINATOR_CONSENT_REQUIRED);
              assertThat(w.getMessage()).isNotBlank();
            });
    // ICE's own record about him flows; nothing of the PNR (flight, booking) does
    assertThat(ice.getAnswer().getDisclosuresList()).isNotEmpty();
    assertThat(ice.getAnswer().toString()).doesNotContain("QX7T2M").doesNotContain("LH 400");
  }

  @Test
  void why_explainsEachDecisionClauseByClause(Federation f) {
    try (NodeClient ice = f.node("us.ice").client()) {
      WhyAnswer pnr =
          ice.blocking()
              .why(
                  WhyRequest.newBuilder()
                      .setRecordId("ice-r-0102-pnr")
                      .setPartnerAgency("us.ioc2")
                      .setPurpose("INTERNATIONAL_ORGANIZED_CRIME")
                      .build());
      assertThat(pnr.getOutcome()).isEqualTo(WhyAnswer.Outcome.WITHHELD);
      assertThat(pnr.getReason()).isEqualTo(Reason.ORIGINATOR_CONSENT_REQUIRED);
      assertThat(pnr.getExplanation()).contains("us.cbp");

      WhyAnswer narcotics =
          ice.blocking()
              .why(
                  WhyRequest.newBuilder()
                      .setRecordId("ice-r-0877-roi-1")
                      .setPartnerAgency("ru.skr")
                      .setPurpose("NARCOTICS")
                      .build());
      assertThat(narcotics.getOutcome()).isEqualTo(WhyAnswer.Outcome.DENY);
      assertThat(narcotics.getAgreementId()).isEqualTo("ice-skr-2010");
      // the clause that failed is the purposes list, and it says which purpose and what is allowed
      assertThat(narcotics.getChecksList())
          .filteredOn(c -> c.startsWith("[FAIL]"))
          .singleElement()
          .satisfies(
              c -> {
                assertThat(c).startsWith("[FAIL] ice-skr-2010 ").contains("purposes: ");
                assertThat(c).contains("The purpose NARCOTICS is not permitted by ice-skr-2010");
              });

      assertThatThrownBy(
              () ->
                  ice.blocking()
                      .why(
                          WhyRequest.newBuilder()
                              .setRecordId("no-such")
                              .setPartnerAgency("us.dea")
                              .setPurpose("X")
                              .build()))
          .isInstanceOfSatisfying(
              StatusRuntimeException.class,
              e -> {
                assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                assertThat(Refusals.reasonOf(e)).contains(Reason.INVALID_ARGUMENT);
                assertThat(Refusals.sentenceOf(e)).isEqualTo("this node holds no record no-such");
              });
    }
  }

  @Test
  void operations_healthAndPrometheusMetricsOnEveryProcess(Federation f) throws Exception {
    // an exchange ICE to DEA since DEA's node last started, so both have counted one
    Officers.awaitIceAnsweredByDea(f);
    HttpClient http = HttpClient.newHttpClient();
    for (String agency : List.of("us.ice", "us.dea")) {
      for (int port : List.of(f.node(agency).httpPort(), f.gateway(agency).httpPort())) {
        HttpResponse<String> health =
            http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health"))
                    .build(),
                BodyHandlers.ofString());
        assertThat(health.statusCode()).as(agency + " :" + port).isEqualTo(200);
        assertThat(health.body()).contains("\"UP\"");
      }
    }
    String iceNode = f.node("us.ice").metrics();
    assertThat(iceNode)
        .contains("liaison_node_exchanges_total{direction=\"out\"")
        .contains("liaison_node_partner_answer_seconds");
    String deaNode = f.node("us.dea").metrics();
    assertThat(deaNode).contains("liaison_node_exchanges_total{direction=\"in\"");
    assertThat(f.gateway("us.dea").metrics()).contains("liaison_gateway_");
  }
}

package org.liaison.cluster.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.liaison.cli.ErrorReport;
import org.liaison.cli.NodeClient;
import org.liaison.cluster.AgencyNode;
import org.liaison.cluster.Federation;
import org.liaison.cluster.FederationTest;
import org.liaison.wire.v1.DesignatedAgent;
import org.liaison.wire.v1.DesignatedAgentsRequest;
import org.liaison.wire.v1.DesignationDraft;
import org.liaison.wire.v1.Disclosure;
import org.liaison.wire.v1.FeedbackDraft;
import org.liaison.wire.v1.FeedbackDutiesRequest;
import org.liaison.wire.v1.FeedbackDuty;
import org.liaison.wire.v1.Identifier;
import org.liaison.wire.v1.IdentifierType;
import org.liaison.wire.v1.InfoRequestDraft;
import org.liaison.wire.v1.OfficerQueryRequest;
import org.liaison.wire.v1.PartnerAnswer;
import org.liaison.wire.v1.QueryRequest;
import org.liaison.wire.v1.Reason;
import org.liaison.wire.v1.ResultKind;
import org.liaison.wire.v1.Tier;
import org.liaison.wire.v1.TimelinessReport;
import org.liaison.wire.v1.TimelinessRequest;
import org.liaison.wire.v1.WorkflowAnswer;
import org.liaison.wire.v1.WorkflowDecision;
import org.liaison.wire.v1.WorkflowItem;
import org.liaison.wire.v1.WorkflowKind;
import org.liaison.wire.v1.WorkflowQuery;
import org.liaison.wire.v1.WorkflowRef;
import org.liaison.wire.v1.WorkflowSide;
import org.liaison.wire.v1.WorkflowState;
import org.liaison.wire.v1.WorkflowStepRecord;
import org.liaison.wire.v1.WorkflowsGrpc;

/**
 * Workflows between real node and gateway processes: a request for information approved in part,
 * the third-party rule with consent asked automatically or by an officer, granted or refused
 * (acceptance case 4), feedback to the originator (case 5), cross-designation, the timeliness
 * report, and a restart of each side in the middle of a request.
 */
@FederationTest(
    agencies = {"us.ice", "us.cbp", "us.dea", "us.ioc2"},
    nodeOptions = {
      "liaison.workflow.outbox-interval-ms=200",
      "liaison.workflow.retry-initial-ms=200",
      "liaison.workflow.retry-max-ms=1000",
      // eight JVMs start at once on a small machine
      "quarkus.datasource.jdbc.acquisition-timeout=60S",
      "us.ice/liaison.workflow.auto-consent-request=true"
    })
class WorkflowAcceptanceTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String MARKOVA = "y.markova.wf@example.com";
  private static final String ORLOV = "p.orlov.wf@example.com";

  @BeforeAll
  static void seed(Federation f) throws IOException {
    for (String agency : List.of("us.cbp", "us.ice")) {
      Path file = f.workDir().resolve("workflow-" + agency + ".jsonl");
      try (InputStream in =
          WorkflowAcceptanceTest.class.getResourceAsStream("/workflow/" + agency + ".jsonl")) {
        Files.copy(in, file);
      }
      Officers.Cli run = Officers.cli(f.node(agency), "import", file.toString(), "--no-progress");
      assertThat(run.exit()).as(run.out() + run.err()).isZero();
    }
  }

  @Test
  void rfi_approvedInPart_onlyTheApprovedFieldsTravel_andBothSidesKeepTheSteps(Federation f) {
    WorkflowItem sent =
        iceAsksCbpForItsInterdiction(
            f.node("us.ice"), "ICE-MIA-WF-0001", "container seizure follow-up");
    String rfiWorkflow = sent.getWorkflowId();
    assertThat(sent.getAgreementId()).isEqualTo("cbp-ice-2005");
    assertThat(sent.getDueAt()).isNotEmpty(); // 24 h from the agreement's service levels

    WorkflowItem inbox = awaitState(f.node("us.cbp"), rfiWorkflow, WorkflowState.AWAITING_ANSWER);
    assertThat(inbox.getAwaitingUs()).isTrue();
    assertThat(inbox.getSide()).isEqualTo(WorkflowSide.RESPONDER);
    assertThat(inbox.getJustification()).isEqualTo("container seizure follow-up");
    Officers.Cli awaiting = Officers.cli(f.node("us.cbp"), "request", "list", "--awaiting");
    assertThat(awaiting.out()).contains(rfiWorkflow).contains("awaiting your answer");

    // fields the record does not have (or the agreement does not let go) cannot be approved
    Officers.Cli wrong =
        Officers.cli(
            f.node("us.cbp"), "request", "approve", rfiWorkflow, "--field", "passport_number");
    assertThat(wrong.exit()).isEqualTo(1);
    assertThat(wrong.err()).contains("passport_number").contains("approvable");
    assertThat(show(f.node("us.cbp"), rfiWorkflow).getState())
        .isEqualTo(WorkflowState.AWAITING_ANSWER);

    Officers.Cli approve =
        Officers.cli(
            f.node("us.cbp"),
            "request",
            "approve",
            rfiWorkflow,
            "--field",
            "port",
            "--field",
            "kg",
            "--json");
    assertThat(approve.exit()).as(approve.err()).isZero();
    assertThat(approve.out()).contains("\"state\":\"APPROVED_IN_PART\"");

    WorkflowItem answered =
        awaitState(f.node("us.ice"), rfiWorkflow, WorkflowState.APPROVED_IN_PART);
    Disclosure d = answered.getDisclosure();
    assertThat(d.getTier()).isEqualTo(Tier.FULL);
    assertThat(d.getRecordId()).isEqualTo("cbp-wf-int-0001");
    assertThat(d.getOwnerAgency()).isEqualTo("us.cbp");
    assertThat(d.getFieldsMap()).containsOnlyKeys("port", "kg").containsEntry("kg", "40");
    assertThat(answered.toString()).doesNotContain("MSC Aurora").doesNotContain("X-991-22");
    assertThat(steps(answered)).containsExactly("REQUESTED", "DELIVERED", "APPROVED_IN_PART");

    WorkflowItem cbpSide = awaitStep(f.node("us.cbp"), rfiWorkflow, "ANSWER_DELIVERED");
    assertThat(steps(cbpSide)).containsExactly("RECEIVED", "APPROVED_IN_PART", "ANSWER_DELIVERED");

    Officers.Cli again =
        Officers.cli(
            f.node("us.cbp"), "request", "decline", rfiWorkflow, "--reason", "second thoughts");
    assertThat(again.exit()).isEqualTo(1);
    assertThat(again.err()).contains("WORKFLOW_NOT_AWAITING_ANSWER");
  }

  @Test
  void case4_pnrWithheldFromIoc2_untilCbpConsents_thenItFlows_andBothSidesRecordTheConsent(
      Federation f) {
    PartnerAnswer before = queryIceFromIoc2(f, MARKOVA);
    assertThat(before.getStatus()).isEqualTo(PartnerAnswer.Status.MATCH);
    assertThat(before.getAnswer().getDisclosuresList()).isEmpty();
    assertThat(before.getAnswer().getWithheldList())
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.getRecordId()).isEqualTo("ice-wf-pnr-0001");
              assertThat(w.getOriginatorAgency()).isEqualTo("us.cbp");
              assertThat(w.getReason()).isEqualTo(Reason.ORIGINATOR_CONSENT_REQUIRED);
            });

    // ICE's node (auto-consent-request) asked CBP by itself when it withheld the record
    WorkflowItem atCbp =
        await(
            () ->
                consentsAwaiting(f.node("us.cbp")).stream()
                    .filter(i -> i.getRecordId().equals("ice-wf-pnr-0001"))
                    .findFirst()
                    .orElse(null));
    String consent = atCbp.getWorkflowId();
    assertThat(atCbp.getPartnerAgency()).isEqualTo("us.ice");
    assertThat(atCbp.getThirdAgency()).isEqualTo("us.ioc2");
    // still withheld while CBP has not answered, and asked only once
    assertThat(queryIceFromIoc2(f, MARKOVA).getAnswer().getDisclosuresList()).isEmpty();
    assertThat(consentsAbout(f.node("us.ice"), "ice-wf-pnr-0001")).hasSize(1);

    Officers.Cli grant =
        Officers.cli(
            f.node("us.cbp"),
            "consent",
            "grant",
            consent,
            "--conditions",
            "law-enforcement use only");
    assertThat(grant.exit()).as(grant.err()).isZero();
    assertThat(grant.out()).contains("GRANTED");

    WorkflowItem atIce = awaitState(f.node("us.ice"), consent, WorkflowState.GRANTED);
    assertThat(atIce.getConditions()).isEqualTo("law-enforcement use only");
    assertThat(steps(atIce)).containsExactly("REQUESTED", "DELIVERED", "GRANTED");
    assertThat(steps(show(f.node("us.cbp"), consent))).contains("RECEIVED", "GRANTED");

    PartnerAnswer after = queryIceFromIoc2(f, MARKOVA);
    assertThat(after.getAnswer().getWithheldList()).isEmpty();
    assertThat(after.getAnswer().getDisclosuresList())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.getRecordId()).isEqualTo("ice-wf-pnr-0001");
              assertThat(d.getOriginatorAgency()).isEqualTo("us.cbp");
              assertThat(d.getTier()).isEqualTo(Tier.SUMMARY);
              assertThat(d.getFieldsMap())
                  .containsEntry("flight", "AF 90")
                  .doesNotContainKey("booking_reference");
            });
  }

  @Test
  void consentAskedByTheOfficer_refusedByCbp_staysWithheld_andIsNotAskedAgain(Federation f) {
    WorkflowItem refused = consentRefusedByCbp(f, "ice-wf-pnr-0002", "IOC-2 lead on Orlov");
    assertThat(refused.getReason()).isEqualTo("EU PNR: purpose not covered");

    PartnerAnswer answer = queryIceFromIoc2(f, ORLOV);
    assertThat(answer.getAnswer().getDisclosuresList()).isEmpty();
    assertThat(answer.getAnswer().getWithheldList())
        .extracting(w -> w.getRecordId())
        .containsExactly("ice-wf-pnr-0002");
    assertThat(consentsAbout(f.node("us.ice"), "ice-wf-pnr-0002")).hasSize(1);
  }

  @Test
  void case5_feedbackReachesTheOriginator_linkedToItsDisclosure(Federation f) {
    String rfiWorkflow = approvedRfi(f, "disclosure the feedback is about");
    try (NodeClient ice = f.node("us.ice").client()) {
      WorkflowItem seizure =
          workflows(ice)
              .recordFeedback(
                  FeedbackDraft.newBuilder()
                      .setPartner("us.cbp")
                      .setRecordId("cbp-wf-int-0001")
                      .setDisclosureMessageId(rfiWorkflow)
                      .setResult(ResultKind.SEIZURE)
                      .setCaseReference("ICE-MIA-WF-0001")
                      .setDetail("40 kg cocaine seized at the consignee's warehouse")
                      .setOccurredOn("2026-02-20")
                      .build());
      assertThat(seizure.getAgreementId()).isEqualTo("cbp-ice-2005");
    }
    // feedback names the record as CBP disclosed it (CBP refuses feedback on any other id)
    Officers.Cli arrest =
        Officers.cli(
            f.node("us.ice"),
            "feedback",
            "record",
            "--partner",
            "us.cbp",
            "--record",
            "cbp-wf-int-0001",
            "--result",
            "ARREST",
            "--case",
            "ICE-MIA-WF-0001",
            "--detail",
            "Hector Salas arrested",
            "--json");
    assertThat(arrest.exit()).as(arrest.err()).isZero();
    assertThat(arrest.out()).contains("\"partner_agency\":\"us.cbp\"");

    List<WorkflowItem> atCbp =
        await(
            () -> {
              try (NodeClient cbp = f.node("us.cbp").client()) {
                List<WorkflowItem> l =
                    workflows(cbp)
                        .list(WorkflowQuery.newBuilder().setKind(WorkflowKind.FEEDBACK).build())
                        .getItemsList();
                return l.size() >= 2 ? l : null;
              }
            });
    assertThat(atCbp)
        .allSatisfy(
            i -> {
              assertThat(i.getSide()).isEqualTo(WorkflowSide.RESPONDER);
              assertThat(i.getState()).isEqualTo(WorkflowState.RECEIVED);
              assertThat(i.getPartnerAgency()).isEqualTo("us.ice");
            });
    assertThat(atCbp)
        .filteredOn(i -> i.getResult() == ResultKind.SEIZURE)
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.getRecordId()).isEqualTo("cbp-wf-int-0001");
              assertThat(i.getDisclosureMessageId()).isEqualTo(rfiWorkflow);
              assertThat(i.getCaseReference()).isEqualTo("ICE-MIA-WF-0001");
            });
    assertThat(atCbp).extracting(WorkflowItem::getResult).contains(ResultKind.ARREST);

    try (NodeClient ice = f.node("us.ice").client()) {
      List<FeedbackDuty> duties =
          workflows(ice)
              .feedbackDuties(FeedbackDutiesRequest.newBuilder().setPartner("us.cbp").build())
              .getDutiesList();
      assertThat(duties)
          .singleElement()
          .satisfies(
              d -> {
                assertThat(d.getAgreementId()).isEqualTo("cbp-ice-2005");
                assertThat(d.getWithinDays()).isEqualTo(30);
                assertThat(d.getFeedbackSent()).isEqualTo(2);
                // the reference seed records from CBP are open duties too
                assertThat(d.getOpenRecordIdsList()).contains("ice-wf-pnr-0001", "ice-wf-pnr-0002");
              });
    }
  }

  @Test
  void crossDesignation_requestedByIce_approvedByDea_listedWithProcessingTimes(Federation f) {
    String id = designated(f, "SA Ana Ruiz", "SA Tom Hale");
    try (NodeClient ice = f.node("us.ice").client()) {
      StatusRuntimeException notTracked =
          (StatusRuntimeException)
              catchThrown(
                  () ->
                      workflows(ice)
                          .requestDesignation(
                              DesignationDraft.newBuilder()
                                  .setPartner("us.cbp")
                                  .addAgents("SA X")
                                  .build()));
      assertThat(ErrorReport.reason(notTracked)).contains(Reason.WORKFLOW_NOT_PERMITTED.name());
    }

    for (String agency : List.of("us.ice", "us.dea")) {
      try (NodeClient c = f.node(agency).client()) {
        List<DesignatedAgent> agents =
            workflows(c)
                .designatedAgents(DesignatedAgentsRequest.getDefaultInstance())
                .getAgentsList()
                .stream()
                .filter(a -> a.getWorkflowId().equals(id))
                .toList();
        assertThat(agents)
            .extracting(DesignatedAgent::getAgent)
            .containsExactlyInAnyOrder("SA Ana Ruiz", "SA Tom Hale");
        assertThat(agents)
            .allSatisfy(
                a -> {
                  assertThat(a.getDesignatingAgency()).isEqualTo("us.dea");
                  assertThat(a.getRequestingAgency()).isEqualTo("us.ice");
                  assertThat(a.getAuthority()).isEqualTo("TITLE_21");
                  assertThat(a.getProcessingMs()).isPositive();
                });
      }
    }
    Officers.Cli list = Officers.cli(f.node("us.ice"), "designation", "list");
    assertThat(list.out()).contains("SA Ana Ruiz").contains("TITLE_21 by us.dea for us.ice");
  }

  @Test
  void timeliness_perPartnerAndStep_andTimersOnTheMetricsEndpoint(Federation f) throws Exception {
    // an answered request to CBP and a designation by DEA: steps with a time to report
    approvedRfi(f, "for the timeliness report");
    designated(f, "SA Lee Park");
    TimelinessReport report;
    try (NodeClient ice = f.node("us.ice").client()) {
      report = workflows(ice).timeliness(TimelinessRequest.getDefaultInstance());
    }
    assertThat(report.getStepsList())
        .anySatisfy(
            s -> {
              assertThat(s.getPartnerAgency()).isEqualTo("us.cbp");
              assertThat(s.getAgreementId()).isEqualTo("cbp-ice-2005");
              assertThat(s.getKind()).isEqualTo(WorkflowKind.INFORMATION_REQUEST);
              assertThat(s.getStep()).isEqualTo("REQUEST_TO_ANSWER");
              assertThat(s.getP90Ms()).isGreaterThanOrEqualTo(s.getMedianMs()).isPositive();
            });
    assertThat(report.getStepsList())
        .anySatisfy(s -> assertThat(s.getPartnerAgency()).isEqualTo("us.dea"));
    assertThat(report.getBreachesList()).isEmpty();

    Officers.Cli text = Officers.cli(f.node("us.ice"), "report", "timeliness");
    assertThat(text.exit()).isZero();
    System.out.println("us.ice liaison report timeliness:\n" + text.out());
    assertThat(text.out())
        .contains("cbp-ice-2005")
        .contains("median")
        .contains("0 service-level breaches");

    String metrics = f.node("us.ice").metrics();
    assertThat(metrics)
        .contains("liaison_workflow_step_seconds")
        .contains("partner=\"us.cbp\"")
        .contains("quantile=\"0.9\"");
  }

  @Test
  void restartInTheMiddle_requestWaitsForTheStoppedPartner_answerWaitsForTheStoppedRequester(
      Federation f) {
    AgencyNode cbp = f.node("us.cbp");
    AgencyNode ice = f.node("us.ice");
    cbp.stop();
    String id =
        iceAsksCbpForItsInterdiction(ice, "", "full record for the prosecutor").getWorkflowId();
    WorkflowItem pending =
        await(
            () -> {
              WorkflowItem i = show(ice, id);
              return i.getDelivery().contains("attempt") && !i.getDelivery().contains("0 attempts")
                  ? i
                  : null;
            });
    assertThat(pending.getState()).isEqualTo(WorkflowState.PENDING_DELIVERY);
    assertThat(pending.getDelivery()).startsWith("pending delivery to us.cbp");

    cbp.start();
    awaitState(cbp, id, WorkflowState.AWAITING_ANSWER);
    awaitState(ice, id, WorkflowState.AWAITING_ANSWER);

    ice.stop();
    approveWhole(cbp, id);
    await(() -> show(cbp, id).getDelivery().contains("attempt") ? true : null);
    ice.start();

    WorkflowItem done = awaitState(ice, id, WorkflowState.APPROVED);
    assertThat(done.getDisclosure().getFieldsMap()).containsKeys("vessel", "seal_number", "kg");
    assertThat(steps(done)).containsExactly("REQUESTED", "DELIVERED", "APPROVED");
    assertThat(steps(awaitStep(cbp, id, "ANSWER_DELIVERED")))
        .containsExactly("RECEIVED", "APPROVED", "ANSWER_DELIVERED");
  }

  @Test
  void consentAskedOfTheHolderByIoc2_withTheCli_isAnsweredWithCbpsEarlierRefusal_andNotAskedAgain(
      Federation f) {
    // ICE's officer asked CBP's consent to pass Zorin's PNR record to IOC-2; CBP refused
    consentRefusedByCbp(f, "ice-wf-pnr-0003", "IOC-2 lead on Zorin");

    // then IOC-2 asks ICE, the holder, for CBP's consent itself
    Officers.Cli ask =
        Officers.cli(
            f.node("us.ioc2"),
            "consent",
            "request",
            "--holder",
            "us.ice",
            "--record",
            "ice-wf-pnr-0003",
            "--justification",
            "IOC-2 lead on Zorin",
            "--json");
    String id = workflowIdOf(ask);
    WorkflowItem refused = awaitState(f.node("us.ioc2"), id, WorkflowState.REFUSED);
    assertThat(refused.getPartnerAgency()).isEqualTo("us.ice");
    assertThat(refused.getReason())
        .isEqualTo("us.cbp, the originator, refused already: EU PNR: purpose not covered");
    // ICE did not bother CBP again: still the one request its officer made
    assertThat(consentsAbout(f.node("us.ice"), "ice-wf-pnr-0003"))
        .filteredOn(i -> i.getSide() == org.liaison.wire.v1.WorkflowSide.REQUESTER)
        .hasSize(1);

    // a record ICE may pass on without consent (interdiction, onward to anyone) is no ask
    Officers.Cli free =
        Officers.cli(
            f.node("us.ioc2"),
            "consent",
            "request",
            "--holder",
            "us.ice",
            "--record",
            "ice-wf-int-0001",
            "--json");
    String undeliverable = workflowIdOf(free);
    WorkflowItem refusedAsk =
        awaitState(f.node("us.ioc2"), undeliverable, WorkflowState.UNDELIVERABLE);
    assertThat(steps(refusedAsk)).contains("UNDELIVERABLE");
    assertThat(refusedAsk.getDelivery() + refusedAsk.getStepsList())
        .contains("NOT_WITHHELD_FOR_CONSENT");
  }

  // --- helpers ---

  /**
   * ICE's case agent asks CBP for its interdiction record {@code cbp-wf-int-0001}, for drug
   * trafficking, in {@code caseReference} ("" for none); the request as ICE's node recorded it.
   */
  private static WorkflowItem iceAsksCbpForItsInterdiction(
      AgencyNode ice, String caseReference, String justification) {
    try (NodeClient c = ice.client()) {
      return workflows(c)
          .requestInformation(
              InfoRequestDraft.newBuilder()
                  .setPartner("us.cbp")
                  .setRecordId("cbp-wf-int-0001")
                  .setPurpose("DRUG_TRAFFICKING")
                  .setCaseReference(caseReference)
                  .setJustification(justification)
                  .setOfficerRole("CASE_AGENT")
                  .build());
    }
  }

  /**
   * ICE's officer asks CBP, from the CLI, for consent to pass {@code record} on to IOC-2; CBP's
   * officer refuses it ("EU PNR: purpose not covered"); the consent at ICE once it is refused.
   */
  private static WorkflowItem consentRefusedByCbp(
      Federation f, String record, String justification) {
    String consent =
        workflowIdOf(
            Officers.cli(
                f.node("us.ice"),
                "consent",
                "request",
                "--record",
                record,
                "--for",
                "us.ioc2",
                "--justification",
                justification,
                "--json"));
    awaitState(f.node("us.cbp"), consent, WorkflowState.AWAITING_ANSWER);
    Officers.Cli refuse =
        Officers.cli(
            f.node("us.cbp"),
            "consent",
            "refuse",
            consent,
            "--reason",
            "EU PNR: purpose not covered");
    assertThat(refuse.exit()).as(refuse.err()).isZero();
    return awaitState(f.node("us.ice"), consent, WorkflowState.REFUSED);
  }

  /** The node's officer approves request {@code id} whole (every field asked for). */
  private static void approveWhole(AgencyNode node, String id) {
    try (NodeClient c = node.client()) {
      workflows(c)
          .answer(
              WorkflowAnswer.newBuilder()
                  .setWorkflowId(id)
                  .setDecision(WorkflowDecision.APPROVE)
                  .build());
    }
  }

  /** The workflow id a {@code --json} command printed, once it exited 0. */
  private static String workflowIdOf(Officers.Cli run) {
    assertThat(run.exit()).as(run.err()).isZero();
    return between(run.out(), "\"workflow_id\":\"", "\"");
  }

  /**
   * ICE's request for CBP's interdiction record {@code cbp-wf-int-0001}, approved whole by CBP and
   * answered at ICE: a disclosure that feedback and the timeliness report can refer to.
   */
  private static String approvedRfi(Federation f, String justification) {
    String id =
        iceAsksCbpForItsInterdiction(f.node("us.ice"), "ICE-MIA-WF-0001", justification)
            .getWorkflowId();
    awaitState(f.node("us.cbp"), id, WorkflowState.AWAITING_ANSWER);
    approveWhole(f.node("us.cbp"), id);
    awaitState(f.node("us.ice"), id, WorkflowState.APPROVED);
    return id;
  }

  /** ICE asks DEA to cross-designate {@code agents}; DEA's officer approves it from the CLI. */
  private static String designated(Federation f, String... agents) {
    String id;
    try (NodeClient ice = f.node("us.ice").client()) {
      id =
          workflows(ice)
              .requestDesignation(
                  DesignationDraft.newBuilder()
                      .setPartner("us.dea")
                      .addAllAgents(List.of(agents))
                      .setJustification("OCDETF investigation MIA-17")
                      .build())
              .getWorkflowId();
    }
    awaitState(f.node("us.dea"), id, WorkflowState.AWAITING_ANSWER);
    Officers.Cli approve = Officers.cli(f.node("us.dea"), "designation", "approve", id);
    assertThat(approve.exit()).as(approve.err()).isZero();
    awaitState(f.node("us.ice"), id, WorkflowState.APPROVED);
    return id;
  }

  private static List<WorkflowItem> consentsAwaiting(AgencyNode node) {
    try (NodeClient c = node.client()) {
      return workflows(c)
          .list(
              WorkflowQuery.newBuilder().setKind(WorkflowKind.CONSENT).setAwaitingUs(true).build())
          .getItemsList();
    }
  }

  private static List<WorkflowItem> consentsAbout(AgencyNode node, String recordId) {
    try (NodeClient c = node.client()) {
      return workflows(c)
          .list(WorkflowQuery.newBuilder().setKind(WorkflowKind.CONSENT).build())
          .getItemsList()
          .stream()
          .filter(i -> i.getRecordId().equals(recordId))
          .toList();
    }
  }

  private static PartnerAnswer queryIceFromIoc2(Federation f, String email) {
    try (NodeClient ioc2 = f.node("us.ioc2").client()) {
      List<PartnerAnswer> answers =
          ioc2.queryAll(
              OfficerQueryRequest.newBuilder()
                  .setQuery(
                      QueryRequest.newBuilder()
                          .setIdentifier(
                              Identifier.newBuilder()
                                  .setType(IdentifierType.EMAIL)
                                  .setValue(email)))
                  .setPurpose("INTERNATIONAL_ORGANIZED_CRIME")
                  .setCaseReference("IOC2-WF-1")
                  .addPartners("us.ice")
                  .setDeadlineMs(5000)
                  .build());
      return Officers.from(answers, "us.ice");
    }
  }

  private static WorkflowsGrpc.WorkflowsBlockingStub workflows(NodeClient c) {
    return WorkflowsGrpc.newBlockingStub(c.channel()).withDeadlineAfter(30, TimeUnit.SECONDS);
  }

  private static WorkflowItem show(AgencyNode node, String id) {
    try (NodeClient c = node.client()) {
      return workflows(c).show(WorkflowRef.newBuilder().setWorkflowId(id).build());
    }
  }

  private static WorkflowItem awaitState(AgencyNode node, String id, WorkflowState state) {
    return await(
        () -> {
          try {
            WorkflowItem i = show(node, id);
            return i.getState() == state ? i : null;
          } catch (StatusRuntimeException notYet) {
            return null;
          }
        });
  }

  private static WorkflowItem awaitStep(AgencyNode node, String id, String step) {
    return await(
        () -> {
          WorkflowItem i = show(node, id);
          return steps(i).contains(step) ? i : null;
        });
  }

  private static List<String> steps(WorkflowItem i) {
    return i.getStepsList().stream().map(WorkflowStepRecord::getStep).toList();
  }

  private static <T> T await(Supplier<T> probe) {
    long end = System.nanoTime() + WAIT.toNanos();
    Throwable last = null;
    while (System.nanoTime() < end) {
      try {
        T t = probe.get();
        if (t != null) {
          return t;
        }
      } catch (RuntimeException e) {
        last = e;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("not reached within " + WAIT, last);
  }

  private static Throwable catchThrown(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      return e;
    }
    throw new AssertionError("expected a refusal");
  }

  private static String between(String s, String start, String end) {
    int i = s.indexOf(start);
    assertThat(i).as(s).isNotNegative();
    int from = i + start.length();
    return s.substring(from, s.indexOf(end, from));
  }
}

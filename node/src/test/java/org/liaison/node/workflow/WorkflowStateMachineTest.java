package org.liaison.node.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.liaison.node.consent.ConsentLedger;
import org.liaison.node.federation.ExchangeScope;
import org.liaison.node.workflow.consent.ConsentHandler;
import org.liaison.node.workflow.consent.ConsentService;
import org.liaison.node.workflow.delivery.OutboxEntry;
import org.liaison.node.workflow.delivery.WorkflowMessages;
import org.liaison.node.workflow.designation.DesignationHandler;
import org.liaison.node.workflow.designation.DesignationService;
import org.liaison.wire.v1.ConsentAnswer;
import org.liaison.wire.v1.ConsentMessage;
import org.liaison.wire.v1.ConsentRequest;
import org.liaison.wire.v1.DesignationMessage;
import org.liaison.wire.v1.DesignationRequest;
import org.liaison.wire.v1.Reason;
import org.liaison.wire.v1.WorkflowAck;
import org.liaison.wire.v1.WorkflowAnswer;
import org.liaison.wire.v1.WorkflowDecision;
import org.liaison.wire.v1.WorkflowKind;
import org.liaison.wire.v1.WorkflowSide;
import org.liaison.wire.v1.WorkflowState;
import org.liaison.wire.v1.WorkflowStep;

/** Both sides of the workflow state machine on the node's real H2 database. */
@QuarkusTest
@TestProfile(DeaNodeProfile.class)
class WorkflowStateMachineTest {
  @Inject WorkflowEngine engine;
  @Inject WorkflowJournal journal;
  @Inject DesignationHandler designationHandler;
  @Inject DesignationService designations;
  @Inject ConsentHandler consentHandler;
  @Inject ConsentService consents;
  @Inject ConsentLedger ledger;
  @Inject EntityManager em;
  @Inject org.liaison.node.records.ImportService imports;

  @Test
  void designationRequestUnderAnAgreementThatDoesNotTrackThem_isRefusedOnArrival()
      throws Exception {
    String id = WorkflowEngine.newWorkflowId();
    DesignationMessage request =
        DesignationMessage.newBuilder()
            .setStep(WorkflowEngine.step(id, "sa-cbp"))
            .setRequest(DesignationRequest.newBuilder().addAgents("SA X"))
            .build();

    // cbp-ice-2005 is not between us.dea and us.cbp, and tracks no designations anyway
    WorkflowAck ack =
        (WorkflowAck)
            designationHandler.handle(Inbound.from("us.cbp", "cbp-ice-2005", "NARCOTICS", request));

    assertThat(ack.getRefusal().getReason()).isEqualTo(Reason.WORKFLOW_NOT_PERMITTED);
    assertThat(engine.find(id)).isEmpty();
  }

  @Test
  void responder_answersOnce_andTheAnswerIsQueuedForThePartner() throws Exception {
    String id = WorkflowEngine.newWorkflowId();
    DesignationMessage request =
        DesignationMessage.newBuilder()
            .setStep(WorkflowEngine.step(id, "sa-ice"))
            .setRequest(
                DesignationRequest.newBuilder()
                    .addAgents("SA Ana Ruiz")
                    .addAgents("SA Tom Hale")
                    .setAuthority("TITLE_21"))
            .build();

    WorkflowAck ack =
        (WorkflowAck)
            designationHandler.handle(
                Inbound.from("us.ice", "dea-ice-xdes-2009", "NARCOTICS", request));

    assertThat(ack.hasRefusal()).isFalse();
    Workflow w = engine.require(id);
    assertThat(w.side).isEqualTo(WorkflowSide.RESPONDER);
    assertThat(w.state).isEqualTo(WorkflowState.AWAITING_ANSWER);
    assertThat(w.scope.partnerAgency()).isEqualTo("us.ice");
    assertThat(engine.list(WorkflowKind.DESIGNATION, null, true))
        .extracting(x -> x.workflowId)
        .contains(id);

    Workflow answered =
        designations.answer(
            WorkflowAnswer.newBuilder()
                .setWorkflowId(id)
                .setDecision(WorkflowDecision.APPROVE)
                .addAgents("SA Ana Ruiz")
                .build(),
            "gs-dea");

    // approving only some of the agents is an approval in part
    assertThat(answered.state).isEqualTo(WorkflowState.APPROVED_IN_PART);
    assertThat(answered.answeredAt).isNotNull();
    assertThat(journal.steps(id))
        .extracting(s -> s.step)
        .containsExactly("RECEIVED", "APPROVED_IN_PART");
    List<OutboxEntry> queued = outbox(id);
    assertThat(queued)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.scope.partnerAgency()).isEqualTo("us.ice");
              DesignationMessage m =
                  (DesignationMessage) WorkflowMessages.parse(e.contentType, e.payloadB64);
              assertThat(m.getAnswer().getAgentsList()).containsExactly("SA Ana Ruiz");
              assertThat(m.getStep().getWorkflowId()).isEqualTo(id);
            });
    assertThat(engine.list(WorkflowKind.DESIGNATION, null, true))
        .extracting(x -> x.workflowId)
        .doesNotContain(id);

    assertThatThrownBy(
            () ->
                designations.answer(
                    WorkflowAnswer.newBuilder()
                        .setWorkflowId(id)
                        .setDecision(WorkflowDecision.DECLINE)
                        .setReason("changed my mind")
                        .build(),
                    "gs-dea"))
        .isInstanceOfSatisfying(
            WorkflowException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.WORKFLOW_NOT_AWAITING_ANSWER);
              assertThat(e.getMessage()).contains("APPROVED_IN_PART");
            });
    assertThat(engine.require(id).state).isEqualTo(WorkflowState.APPROVED_IN_PART);
    assertThat(outbox(id)).hasSize(1);
  }

  @Test
  void responder_refusingConsentNeedsAReason_andAWrongDecisionIsRefused() throws Exception {
    String id = WorkflowEngine.newWorkflowId();
    consentHandler.handle(
        Inbound.from(
            "us.ice",
            "cbp-ice-2005",
            "INTERNATIONAL_ORGANIZED_CRIME",
            ConsentMessage.newBuilder()
                .setStep(WorkflowEngine.step(id, "sa-ice"))
                .setRequest(
                    ConsentRequest.newBuilder()
                        .setRecordId("ice-pnr-1")
                        .setRecordCategory("PNR")
                        .setRequestingAgency("us.ioc2"))
                .build()));

    assertThatThrownBy(() -> consents.answer(answer(id, WorkflowDecision.REFUSE), "cbp-officer"))
        .hasMessageContaining("reason");
    assertThatThrownBy(
            () -> consents.answer(answer(id, WorkflowDecision.APPROVE_IN_PART), "cbp-officer"))
        .isInstanceOfSatisfying(
            WorkflowException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_ARGUMENT))
        .hasMessage("a consent request is answered with GRANT or REFUSE");
    assertThat(engine.require(id).state).isEqualTo(WorkflowState.AWAITING_ANSWER);

    Workflow w =
        consents.answer(
            answer(id, WorkflowDecision.GRANT).toBuilder()
                .setConditions("law-enforcement use only")
                .build(),
            "cbp-officer");
    assertThat(w.state).isEqualTo(WorkflowState.GRANTED);
    assertThat(w.thirdAgency).isEqualTo("us.ioc2");
    // the originator's grant is not a consent this node may rely on for its own records
    assertThat(ledger.granted("ice-pnr-1", "us.ioc2")).isFalse();
  }

  @Test
  void requester_deliveredThenAnswered_andOnlyTheAskedPartnerMayAnswer() throws Exception {
    String id = WorkflowEngine.newWorkflowId();
    // the record the consent is about, held here from its originator us.cbp
    imports.importLine(
        1,
        "{\"kind\":\"case\",\"caseNumber\":\"SM-"
            + id
            + "\",\"agency\":\"us.dea\",\"agent\":{\"name\":\"A\"},\"crimeCategories\":[\"NARCOTICS\"]}");
    assertThat(
            imports
                .importLine(
                    2,
                    "{\"kind\":\"record\",\"id\":\"pnr-"
                        + id
                        + "\",\"case\":\"SM-"
                        + id
                        + "\",\"category\":\"PNR\",\"originator\":\"us.cbp\",\"subjects\":[{\"type\":\"ORGANISATION\",\"name\":\"Acme\"}]}")
                .accepted())
        .isTrue();
    WorkflowStep first = WorkflowEngine.step(id, "sa-ice");
    ConsentRequest request =
        ConsentRequest.newBuilder()
            .setRecordId("pnr-" + id)
            .setRecordCategory("PNR")
            .setRequestingAgency("us.ioc2")
            .build();
    engine.start(
        new WorkflowEngine.Opening(
            WorkflowKind.CONSENT,
            new ExchangeScope("us.cbp", "cbp-ice-2005", "INTERNATIONAL_ORGANIZED_CRIME", "ICE-1"),
            "pnr-" + id,
            "us.ioc2",
            "sa-ice",
            "test"),
        Instant.now().plus(Duration.ofDays(10)),
        first,
        request,
        ConsentMessage.newBuilder().setStep(first).setRequest(request).build());
    assertThat(engine.require(id).state).isEqualTo(WorkflowState.PENDING_DELIVERY);

    OutboxEntry sent = outbox(id).get(0);
    engine.delivered(
        sent.id,
        WorkflowAck.newBuilder()
            .setMessageId(sent.messageId)
            .setReceivedEpochMs(System.currentTimeMillis())
            .build());
    assertThat(engine.require(id).state).isEqualTo(WorkflowState.AWAITING_ANSWER);

    ConsentMessage grant =
        ConsentMessage.newBuilder()
            .setStep(WorkflowEngine.step(id, "cbp-officer"))
            .setAnswer(
                ConsentAnswer.newBuilder().setDecision(WorkflowDecision.GRANT).setConditions("H2"))
            .build();
    WorkflowAck fromStranger =
        (WorkflowAck)
            consentHandler.handle(Inbound.from("us.dea", "dea-ice-xdes-2009", "NARCOTICS", grant));
    assertThat(fromStranger.getRefusal().getReason()).isEqualTo(Reason.NOT_ORIGINATOR);
    assertThat(ledger.granted("pnr-" + id, "us.ioc2")).isFalse();

    WorkflowAck fromOriginator =
        (WorkflowAck)
            consentHandler.handle(
                Inbound.from("us.cbp", "cbp-ice-2005", "INTERNATIONAL_ORGANIZED_CRIME", grant));
    assertThat(fromOriginator.hasRefusal()).isFalse();
    assertThat(engine.require(id).state).isEqualTo(WorkflowState.GRANTED);
    assertThat(ledger.granted("pnr-" + id, "us.ioc2")).isTrue();
    assertThat(ledger.granted("pnr-" + id, "us.dea")).isFalse();
    assertThat(journal.steps(id))
        .extracting(s -> s.step)
        .containsExactly("REQUESTED", "DELIVERED", "GRANTED");
    assertThat(journal.steps(id).get(2).partnerAt).isNotNull();
  }

  private static WorkflowAnswer answer(String id, WorkflowDecision d) {
    return WorkflowAnswer.newBuilder().setWorkflowId(id).setDecision(d).build();
  }

  @Transactional
  List<OutboxEntry> outbox(String workflowId) {
    return em.createQuery("from OutboxEntry where workflowId = :w order by id", OutboxEntry.class)
        .setParameter("w", workflowId)
        .getResultList();
  }
}

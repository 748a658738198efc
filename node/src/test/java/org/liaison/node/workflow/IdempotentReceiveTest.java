package org.liaison.node.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.junit.jupiter.api.Test;
import org.liaison.node.federation.InboundRequest;
import org.liaison.node.workflow.feedback.FeedbackHandler;
import org.liaison.node.workflow.rfi.RfiHandler;
import org.liaison.wire.v1.FeedbackMessage;
import org.liaison.wire.v1.FeedbackReport;
import org.liaison.wire.v1.InfoRequest;
import org.liaison.wire.v1.Reason;
import org.liaison.wire.v1.ResultKind;
import org.liaison.wire.v1.RfiMessage;
import org.liaison.wire.v1.WorkflowAck;
import org.liaison.wire.v1.WorkflowState;

/** A message delivered again (the sender retried after a lost acknowledgement) changes nothing. */
@QuarkusTest
@TestProfile(DeaNodeProfile.class)
class IdempotentReceiveTest {
  @Inject RfiHandler rfi;
  @Inject FeedbackHandler feedback;
  @Inject WorkflowEngine engine;
  @Inject WorkflowJournal journal;
  @Inject EntityManager em;
  @Inject org.liaison.node.disclosure.DisclosureLedger disclosures;

  @Test
  void sameRequestTwice_oneWorkflowOneStep_secondAckSaysDuplicate() throws Exception {
    String id = WorkflowEngine.newWorkflowId();
    RfiMessage m =
        RfiMessage.newBuilder()
            .setStep(WorkflowEngine.step(id, "sa-ice"))
            .setRequest(
                InfoRequest.newBuilder().setRecordId("dea-roi-1").setJustification("full record"))
            .build();
    // each delivery attempt is a new envelope (new envelope message id), same workflow message id
    InboundRequest first = Inbound.from("us.ice", "dea-ice-xdes-2009", "NARCOTICS", m);
    InboundRequest retry = Inbound.from("us.ice", "dea-ice-xdes-2009", "NARCOTICS", m);

    WorkflowAck a1 = (WorkflowAck) rfi.handle(first);
    WorkflowAck a2 = (WorkflowAck) rfi.handle(retry);

    assertThat(a1.getDuplicate()).isFalse();
    assertThat(a2.getDuplicate()).isTrue();
    assertThat(a2.getMessageId()).isEqualTo(a1.getMessageId());
    assertThat(a2.getReceivedEpochMs()).isEqualTo(a1.getReceivedEpochMs());
    assertThat(count("select count(w) from Workflow w where w.workflowId = '" + id + "'"))
        .isEqualTo(1);
    assertThat(journal.steps(id)).extracting(s -> s.step).containsExactly("RECEIVED");
    assertThat(engine.require(id).state).isEqualTo(WorkflowState.AWAITING_ANSWER);
  }

  @Test
  void requestOutsideTheAgreementsPurposes_isRefusedOnArrival() throws Exception {
    String id = WorkflowEngine.newWorkflowId();
    RfiMessage m =
        RfiMessage.newBuilder()
            .setStep(WorkflowEngine.step(id, "sa-ice"))
            .setRequest(InfoRequest.newBuilder().setRecordId("dea-roi-1").setJustification("x"))
            .build();

    WorkflowAck ack =
        (WorkflowAck)
            rfi.handle(Inbound.from("us.ice", "dea-ice-xdes-2009", "HUMAN_TRAFFICKING", m));

    assertThat(ack.getRefusal().getReason()).isEqualTo(Reason.PURPOSE_NOT_PERMITTED);
    assertThat(engine.find(id)).isEmpty();
  }

  @Test
  void newMessageForAnExistingWorkflow_isRefusedAndChangesNothing() throws Exception {
    String id = WorkflowEngine.newWorkflowId();
    FeedbackMessage first =
        FeedbackMessage.newBuilder()
            .setStep(WorkflowEngine.step(id, "sa-ice"))
            .setReport(
                FeedbackReport.newBuilder().setResult(ResultKind.SEIZURE).setRecordId("cbp-int-2"))
            .build();
    disclosures.disclosed("us.ice", java.util.List.of("cbp-int-2"), "m-1");
    feedback.handle(Inbound.from("us.ice", "cbp-ice-2005", "DRUG_TRAFFICKING", first));
    FeedbackMessage clash = first.toBuilder().setStep(WorkflowEngine.step(id, "sa-ice")).build();

    WorkflowAck ack =
        (WorkflowAck)
            feedback.handle(Inbound.from("us.ice", "cbp-ice-2005", "DRUG_TRAFFICKING", clash));

    assertThat(ack.hasRefusal()).isTrue();
    assertThat(ack.getRefusal().getMessage()).contains("exists here already");
    assertThat(
            count(
                "select count(i) from InboxEntry i where i.messageId = '"
                    + clash.getStep().getMessageId()
                    + "'"))
        .isZero();
    assertThat(journal.steps(id)).hasSize(1);
    assertThat(engine.require(id).state).isEqualTo(WorkflowState.RECEIVED);
  }

  @Transactional
  long count(String jpql) {
    return em.createQuery(jpql, Long.class).getSingleResult();
  }
}

package org.liaison.node.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.liaison.node.disclosure.DisclosureLedger;
import org.liaison.node.workflow.consent.ConsentHandler;
import org.liaison.node.workflow.feedback.FeedbackHandler;
import org.liaison.node.workflow.rfi.RfiHandler;
import org.liaison.wire.v1.ConsentAnswer;
import org.liaison.wire.v1.ConsentMessage;
import org.liaison.wire.v1.FeedbackMessage;
import org.liaison.wire.v1.FeedbackReport;
import org.liaison.wire.v1.InfoRequest;
import org.liaison.wire.v1.Reason;
import org.liaison.wire.v1.ResultKind;
import org.liaison.wire.v1.RfiMessage;
import org.liaison.wire.v1.WorkflowAck;
import org.liaison.wire.v1.WorkflowDecision;

/**
 * What a partner sends is checked against what this node knows (docs/security-model.md, "What
 * partners send"): feedback needs a disclosure made to that partner, an RFI's deadline is this
 * node's own, a consent answer counts only from the originator asked.
 */
@QuarkusTest
@TestProfile(DeaNodeProfile.class)
class PartnerClaimsTest {
  @Inject FeedbackHandler feedback;
  @Inject RfiHandler rfi;
  @Inject ConsentHandler consent;
  @Inject DisclosureLedger disclosures;
  @Inject WorkflowEngine engine;

  private String lastWorkflow;

  private WorkflowAck feedbackFrom(String partner, String recordId) throws Exception {
    lastWorkflow = WorkflowEngine.newWorkflowId();
    FeedbackMessage m =
        FeedbackMessage.newBuilder()
            .setStep(WorkflowEngine.step(lastWorkflow, "sa-ice"))
            .setReport(
                FeedbackReport.newBuilder().setResult(ResultKind.ARREST).setRecordId(recordId))
            .build();
    return (WorkflowAck)
        feedback.handle(Inbound.from(partner, "dea-ice-xdes-2009", "NARCOTICS", m));
  }

  @Test
  void feedbackOnARecordNeverDisclosedToThatPartner_isRefusedAndChangesNothing() throws Exception {
    disclosures.disclosed("us.atf", List.of("dea-roi-claims"), "m-1");

    WorkflowAck unknown = feedbackFrom("us.ice", "dea-r-does-not-exist");
    String unknownWorkflow = lastWorkflow;
    WorkflowAck toAnother = feedbackFrom("us.ice", "dea-roi-claims");
    String toAnotherWorkflow = lastWorkflow;

    for (WorkflowAck ack : List.of(unknown, toAnother)) {
      assertThat(ack.getRefusal().getReason()).isEqualTo(Reason.NOT_DISCLOSED_TO_PARTNER);
      assertThat(ack.getRefusal().getMessage()).doesNotContain("does-not-exist");
    }
    assertThat(engine.find(unknownWorkflow)).isEmpty();
    assertThat(engine.find(toAnotherWorkflow)).isEmpty();

    disclosures.disclosed("us.ice", List.of("dea-roi-claims"), "m-2");
    assertThat(feedbackFrom("us.ice", "dea-roi-claims").hasRefusal()).isFalse();
  }

  @Test
  void anRfisDeadlineIsTheRespondersOwn_notTheOneTheRequesterWrote() throws Exception {
    String id = WorkflowEngine.newWorkflowId();
    Instant asked = Instant.now().plusSeconds(60);
    RfiMessage m =
        RfiMessage.newBuilder()
            .setStep(WorkflowEngine.step(id, "sa-ice"))
            .setRequest(
                InfoRequest.newBuilder()
                    .setRecordId("dea-roi-1")
                    .setJustification("urgent, says who")
                    .setDueEpochMs(asked.toEpochMilli()))
            .build();
    Instant before = Instant.now();

    WorkflowAck ack =
        (WorkflowAck) rfi.handle(Inbound.from("us.ice", "dea-ice-xdes-2009", "NARCOTICS", m));

    assertThat(ack.hasRefusal()).isFalse();
    // dea-ice-xdes-2009: respond_within_hours 24
    assertThat(engine.require(id).dueAt)
        .isBetween(before.plus(Duration.ofHours(24)), Instant.now().plus(Duration.ofHours(24)));
  }

  @Test
  void aConsentAnswerFromAnAgencyThatWasNotAskedAsOriginator_isRefused() throws Exception {
    ConsentMessage grant =
        ConsentMessage.newBuilder()
            .setStep(WorkflowEngine.step(WorkflowEngine.newWorkflowId(), "sa-atf"))
            .setAnswer(ConsentAnswer.newBuilder().setDecision(WorkflowDecision.GRANT))
            .build();

    WorkflowAck ack =
        (WorkflowAck)
            consent.handle(Inbound.from("us.ice", "dea-ice-xdes-2009", "NARCOTICS", grant));

    assertThat(ack.getRefusal().getReason()).isEqualTo(Reason.NOT_ORIGINATOR);
  }
}

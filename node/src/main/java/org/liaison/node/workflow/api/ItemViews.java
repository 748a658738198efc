package org.liaison.node.workflow.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import org.liaison.node.workflow.StepEntry;
import org.liaison.node.workflow.Workflow;
import org.liaison.node.workflow.WorkflowJournal;
import org.liaison.node.workflow.delivery.Outbox;
import org.liaison.node.workflow.delivery.OutboxEntry;
import org.liaison.node.workflow.delivery.WorkflowMessages;
import org.liaison.wire.v1.ConsentAnswer;
import org.liaison.wire.v1.ConsentRequest;
import org.liaison.wire.v1.DesignationAnswer;
import org.liaison.wire.v1.DesignationRequest;
import org.liaison.wire.v1.FeedbackReport;
import org.liaison.wire.v1.InfoAnswer;
import org.liaison.wire.v1.InfoRequest;
import org.liaison.wire.v1.WorkflowItem;
import org.liaison.wire.v1.WorkflowStepRecord;

/** A stored workflow as officers see it: its facts, the request and answer, steps and delivery. */
@ApplicationScoped
public class ItemViews {
  @Inject WorkflowJournal journal;
  @Inject Outbox outbox;

  public WorkflowItem view(Workflow w, boolean withSteps) {
    WorkflowItem.Builder b =
        WorkflowItem.newBuilder()
            .setWorkflowId(w.workflowId)
            .setKind(w.kind)
            .setSide(w.side)
            .setState(w.state)
            .setPartnerAgency(w.scope.partnerAgency())
            .setAgreementId(w.scope.agreementId())
            .setPurpose(w.scope.purpose())
            .setCaseReference(nz(w.scope.caseReference()))
            .setRecordId(nz(w.recordRef))
            .setThirdAgency(nz(w.thirdAgency))
            .setOfficer(nz(w.officer))
            .setCreatedAt(iso(w.createdAt))
            .setDueAt(iso(w.dueAt))
            .setAnsweredAt(iso(w.answeredAt))
            .setOverdueSince(iso(w.overdueAt))
            .setAwaitingUs(w.awaitingUs());
    request(w, b);
    if (w.answerB64 != null) {
      answer(w, b);
    }
    outbox.latest(w.workflowId).map(OutboxEntry::describe).ifPresent(b::setDelivery);
    if (withSteps) {
      for (StepEntry s : journal.steps(w.workflowId)) {
        b.addSteps(
            WorkflowStepRecord.newBuilder()
                .setStep(s.step)
                .setAt(s.at.toString())
                .setActor(s.actor)
                .setDetail(nz(s.detail)));
      }
    }
    return b.build();
  }

  private static void request(Workflow w, WorkflowItem.Builder b) {
    switch (w.kind) {
      case INFORMATION_REQUEST -> {
        InfoRequest q = WorkflowMessages.decode(InfoRequest.parser(), w.requestB64);
        b.setJustification(q.getJustification()).addAllFields(q.getFieldsList());
      }
      case CONSENT ->
          b.setJustification(
              WorkflowMessages.decode(ConsentRequest.parser(), w.requestB64).getJustification());
      case FEEDBACK -> {
        FeedbackReport f = WorkflowMessages.decode(FeedbackReport.parser(), w.requestB64);
        b.setResult(f.getResult())
            .setDetail(f.getDetail())
            .setDisclosureMessageId(f.getDisclosureMessageId());
      }
      case DESIGNATION -> {
        DesignationRequest q = WorkflowMessages.decode(DesignationRequest.parser(), w.requestB64);
        b.setJustification(q.getJustification())
            .addAllAgents(q.getAgentsList())
            .setDetail(q.getAuthority());
      }
      default -> {}
    }
  }

  private static void answer(Workflow w, WorkflowItem.Builder b) {
    switch (w.kind) {
      case INFORMATION_REQUEST -> {
        InfoAnswer a = WorkflowMessages.decode(InfoAnswer.parser(), w.answerB64);
        b.setReason(a.getReason());
        if (a.hasDisclosure()) {
          b.setDisclosure(a.getDisclosure());
        }
      }
      case CONSENT -> {
        ConsentAnswer a = WorkflowMessages.decode(ConsentAnswer.parser(), w.answerB64);
        b.setReason(a.getReason()).setConditions(a.getConditions());
      }
      case DESIGNATION -> {
        DesignationAnswer a = WorkflowMessages.decode(DesignationAnswer.parser(), w.answerB64);
        b.setReason(a.getReason()).clearAgents().addAllAgents(a.getAgentsList());
      }
      default -> {}
    }
  }

  private static String iso(Instant i) {
    return i == null ? "" : i.toString();
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}

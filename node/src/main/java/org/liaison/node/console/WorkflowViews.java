package org.liaison.node.console;

import java.util.List;
import org.liaison.wire.v1.FeedbackDuty;
import org.liaison.wire.v1.WorkflowItem;
import org.liaison.wire.v1.WorkflowKind;

/** Workflow items and feedback duties as the inbox and feedback pages show them. */
public final class WorkflowViews {
  private WorkflowViews() {}

  public record StepView(String step, String at, String actor, String detail) {}

  public record ItemView(
      String id,
      String kind,
      String side,
      String state,
      String partner,
      String agreement,
      String purpose,
      String caseReference,
      String recordId,
      String thirdAgency,
      String officer,
      String createdAt,
      String dueAt,
      String overdueSince,
      boolean awaitingUs,
      boolean informationRequest,
      boolean consent,
      String justification,
      List<String> fields,
      List<String> agents,
      String result,
      String reason,
      String conditions,
      String detail,
      List<AnswerViews.Field> disclosed,
      List<StepView> steps) {
    static ItemView of(WorkflowItem i) {
      return new ItemView(
          i.getWorkflowId(),
          i.getKind().name(),
          i.getSide().name(),
          i.getState().name(),
          i.getPartnerAgency(),
          i.getAgreementId(),
          i.getPurpose(),
          i.getCaseReference(),
          i.getRecordId(),
          i.getThirdAgency(),
          i.getOfficer(),
          i.getCreatedAt(),
          i.getDueAt(),
          i.getOverdueSince(),
          i.getAwaitingUs(),
          i.getKind() == WorkflowKind.INFORMATION_REQUEST,
          i.getKind() == WorkflowKind.CONSENT,
          i.getJustification(),
          i.getFieldsList(),
          i.getAgentsList(),
          i.getResult().name().equals("RESULT_UNSPECIFIED") ? "" : i.getResult().name(),
          i.getReason(),
          i.getConditions(),
          i.getDetail(),
          new java.util.TreeMap<>(i.getDisclosure().getFieldsMap())
              .entrySet().stream()
                  .map(e -> new AnswerViews.Field(e.getKey(), e.getValue()))
                  .toList(),
          i.getStepsList().stream()
              .map(s -> new StepView(s.getStep(), s.getAt(), s.getActor(), s.getDetail()))
              .toList());
    }
  }

  public record DutyView(
      String partner, String agreement, int withinDays, int sent, List<String> openRecords) {
    static DutyView of(FeedbackDuty d) {
      return new DutyView(
          d.getPartnerAgency(),
          d.getAgreementId(),
          d.getWithinDays(),
          d.getFeedbackSent(),
          d.getOpenRecordIdsList());
    }
  }
}

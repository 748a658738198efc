package org.liaison.node.console;

import java.util.List;
import org.liaison.wire.v1.DesignatedAgent;
import org.liaison.wire.v1.FeedbackDuty;
import org.liaison.wire.v1.WorkflowItem;
import org.liaison.wire.v1.WorkflowKind;

/** Workflow items, designated agents and feedback duties as the console's pages show them. */
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
      List<String> caveats,
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
          i.getDisclosure().getCaveatsList(),
          i.getStepsList().stream()
              .map(s -> new StepView(s.getStep(), s.getAt(), s.getActor(), s.getDetail()))
              .toList());
    }
  }

  /** An agent a partner designated, with the time it took. */
  public record AgentView(
      String agent,
      String authority,
      String designatingAgency,
      String requestingAgency,
      String designatedAt,
      long processingMs) {
    static AgentView of(DesignatedAgent a) {
      return new AgentView(
          a.getAgent(),
          a.getAuthority(),
          a.getDesignatingAgency(),
          a.getRequestingAgency(),
          a.getDesignatedAt(),
          a.getProcessingMs());
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

package org.liaison.cli;

import java.util.Map;
import java.util.TreeMap;
import org.liaison.wire.v1.WorkflowItem;
import org.liaison.wire.v1.WorkflowSide;

/** Workflow items as officers read them. */
final class WorkflowText {
  private WorkflowText() {}

  /** One line per item, for lists. */
  static String line(WorkflowItem i) {
    StringBuilder s = new StringBuilder();
    s.append(i.getWorkflowId()).append("  ").append(i.getKind()).append("  ");
    s.append(i.getSide() == WorkflowSide.REQUESTER ? "to " : "from ")
        .append(i.getPartnerAgency())
        .append("  ");
    s.append(i.getState());
    if (i.getAwaitingUs()) s.append(" (awaiting your answer)");
    if (!i.getRecordId().isEmpty()) s.append("  record ").append(i.getRecordId());
    if (!i.getThirdAgency().isEmpty()) s.append(" for ").append(i.getThirdAgency());
    if (!i.getDueAt().isEmpty()) s.append("  due ").append(i.getDueAt());
    if (!i.getOverdueSince().isEmpty()) s.append("  OVERDUE since ").append(i.getOverdueSince());
    return s.toString();
  }

  /** The whole item with its steps. */
  static String item(WorkflowItem i) {
    StringBuilder s = new StringBuilder(line(i)).append('\n');
    field(s, "agreement", i.getAgreementId());
    field(s, "purpose", i.getPurpose());
    field(s, "case", i.getCaseReference());
    field(s, "officer", i.getOfficer());
    field(s, "created", i.getCreatedAt());
    field(s, "answered", i.getAnsweredAt());
    field(s, "justification", i.getJustification());
    if (i.getFieldsCount() > 0) field(s, "fields asked", String.join(", ", i.getFieldsList()));
    if (i.getAgentsCount() > 0) field(s, "agents", String.join(", ", i.getAgentsList()));
    if (i.getResult().getNumber() != 0) field(s, "result", i.getResult().name());
    field(s, "detail", i.getDetail());
    field(s, "disclosure message", i.getDisclosureMessageId());
    field(s, "reason", i.getReason());
    field(s, "conditions", i.getConditions());
    if (i.hasDisclosure()) {
      var d = i.getDisclosure();
      field(
          s,
          "disclosed",
          d.getRecordCategory() + " record " + d.getRecordId() + " at tier " + d.getTier());
      field(s, "caveats", String.join(" ", d.getCaveatsList()));
      Map<String, String> fields = new TreeMap<>(d.getFieldsMap());
      fields.forEach((k, v) -> s.append("    ").append(k).append(": ").append(v).append('\n'));
    }
    field(s, "delivery", i.getDelivery());
    if (i.getStepsCount() > 0) {
      s.append("  steps:\n");
      i.getStepsList()
          .forEach(
              st ->
                  s.append("    ")
                      .append(st.getAt())
                      .append("  ")
                      .append(st.getStep())
                      .append("  ")
                      .append(st.getActor())
                      .append(st.getDetail().isEmpty() ? "" : "  " + st.getDetail())
                      .append('\n'));
    }
    return s.toString().stripTrailing();
  }

  private static void field(StringBuilder s, String name, String value) {
    if (value != null && !value.isEmpty()) {
      s.append("  ").append(name).append(": ").append(value).append('\n');
    }
  }
}

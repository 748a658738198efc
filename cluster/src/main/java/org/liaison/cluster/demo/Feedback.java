package org.liaison.cluster.demo;

import java.time.Duration;
import java.util.List;
import org.liaison.cli.NodeClient;
import org.liaison.cluster.Federation;
import org.liaison.wire.v1.FeedbackDraft;
import org.liaison.wire.v1.Identifier;
import org.liaison.wire.v1.IdentifierType;
import org.liaison.wire.v1.OfficerQueryRequest;
import org.liaison.wire.v1.PartnerAnswer;
import org.liaison.wire.v1.QueryRequest;
import org.liaison.wire.v1.ResultKind;
import org.liaison.wire.v1.WorkflowItem;
import org.liaison.wire.v1.WorkflowKind;
import org.liaison.wire.v1.WorkflowQuery;
import org.liaison.wire.v1.WorkflowsGrpc;

/**
 * Case 5: ICE asks CBP about the plate of its case and CBP discloses its interdiction (record
 * cbp-r-0301-1); ICE records a seizure and an arrest in that case, and CBP's node receives the
 * feedback linked to the record it disclosed (feedback on a record CBP never disclosed to ICE would
 * be refused: docs/security-model.md).
 */
final class Feedback implements DemoScenario {
  static final String RECORD = "cbp-r-0301-1";

  @Override
  public boolean run(Federation federation, Narrator say) {
    say.step(
        "ICE records a seizure and an arrest in case ICE-MIA-2026-0311, which used CBP's interdiction.");
    try (NodeClient ice = federation.node("us.ice").client()) {
      PartnerAnswer cbp =
          ice.queryAll(
                  OfficerQueryRequest.newBuilder()
                      .setQuery(
                          QueryRequest.newBuilder()
                              .setIdentifier(
                                  Identifier.newBuilder()
                                      .setType(IdentifierType.PLATE)
                                      .setValue("FLA-8XK2")
                                      .setCountry("US"))
                              .setOfficerRole("CASE_AGENT"))
                      .setPurpose("DRUG_TRAFFICKING")
                      .setCaseReference("ICE-MIA-2026-0311")
                      .addPartners("us.cbp")
                      .setDeadlineMs(10_000)
                      .build())
              .get(0);
      boolean disclosed =
          cbp.getAnswer().getDisclosuresList().stream()
              .anyMatch(d -> d.getRecordId().equals(RECORD));
      say.detail(
          "CBP answered "
              + cbp.getStatus()
              + (disclosed ? "; it disclosed its record " + RECORD : "; it disclosed nothing"));
      if (!disclosed) {
        say.verdict(
            false, "CBP did not disclose its interdiction, so there is nothing to feed back on.");
        return false;
      }
      var workflows = WorkflowsGrpc.newBlockingStub(ice.channel());
      for (ResultKind result : List.of(ResultKind.SEIZURE, ResultKind.ARREST)) {
        workflows.recordFeedback(
            FeedbackDraft.newBuilder()
                .setPartner("us.cbp")
                .setRecordId(RECORD)
                .setResult(result)
                .setCaseReference("ICE-MIA-2026-0311")
                .setDetail(
                    result == ResultKind.SEIZURE
                        ? "12 kg seized at the consignee"
                        : "driver arrested")
                .build());
      }
    }
    List<WorkflowItem> atCbp =
        Waiting.until(
            Duration.ofSeconds(30),
            () -> {
              try (NodeClient cbp = federation.node("us.cbp").client()) {
                List<WorkflowItem> items =
                    WorkflowsGrpc.newBlockingStub(cbp.channel())
                        .list(WorkflowQuery.newBuilder().setKind(WorkflowKind.FEEDBACK).build())
                        .getItemsList()
                        .stream()
                        .filter(i -> i.getCaseReference().equals("ICE-MIA-2026-0311"))
                        .toList();
                return items.size() >= 2 ? items : null;
              }
            });
    boolean ok = atCbp != null;
    if (ok) {
      for (WorkflowItem i : atCbp) {
        say.detail(
            "CBP received "
                + i.getResult()
                + " from "
                + i.getPartnerAgency()
                + " about its record "
                + i.getRecordId());
      }
    }
    say.verdict(
        ok,
        ok
            ? "CBP's node holds the feedback, linked to the record it disclosed; `liaison feedback duties` lists what is still owed."
            : "the feedback did not reach CBP.");
    return ok;
  }
}

package org.liaison.cluster.demo;

import java.time.Duration;
import java.util.List;
import org.liaison.cli.NodeClient;
import org.liaison.cluster.Federation;
import org.liaison.wire.v1.FeedbackDraft;
import org.liaison.wire.v1.ResultKind;
import org.liaison.wire.v1.WorkflowItem;
import org.liaison.wire.v1.WorkflowKind;
import org.liaison.wire.v1.WorkflowQuery;
import org.liaison.wire.v1.WorkflowsGrpc;

/**
 * Case 5: ICE holds CBP's interdiction (record ice-r-0311-cbp, originator us.cbp); ICE records a
 * seizure and an arrest in that case, and CBP's node receives the feedback linked to its record.
 */
final class Feedback implements DemoScenario {
  static final String RECORD = "ice-r-0311-cbp";

  @Override
  public int caseNumber() {
    return 5;
  }

  @Override
  public String title() {
    return "Feedback";
  }

  @Override
  public boolean run(Federation federation, Narrator say) {
    say.step(
        "ICE records a seizure and an arrest in case ICE-MIA-2026-0311, which used CBP's interdiction.");
    try (NodeClient ice = federation.node("us.ice").client()) {
      var workflows = WorkflowsGrpc.newBlockingStub(ice.channel());
      for (ResultKind result : List.of(ResultKind.SEIZURE, ResultKind.ARREST)) {
        workflows.recordFeedback(
            FeedbackDraft.newBuilder()
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

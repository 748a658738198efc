package org.liaison.cluster.demo;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.liaison.cli.NodeClient;
import org.liaison.cluster.Federation;
import org.liaison.cluster.OfficerQueries;
import org.liaison.wire.v1.ConsentDraft;
import org.liaison.wire.v1.PartnerAnswer;
import org.liaison.wire.v1.WorkflowAnswer;
import org.liaison.wire.v1.WorkflowDecision;
import org.liaison.wire.v1.WorkflowItem;
import org.liaison.wire.v1.WorkflowRef;
import org.liaison.wire.v1.WorkflowState;
import org.liaison.wire.v1.WorkflowsGrpc;

/**
 * Case 4: ICE holds EU PNR data from CBP. IOC-2's query gets ICE's own record, and the PNR content
 * is withheld and said withheld; ICE asks CBP for consent, CBP grants it, and the next query gets
 * the PNR content (at the tier ice-ioc2-2009 allows).
 */
final class ThirdPartyRule implements DemoScenario {
  static final String PNR_RECORD = "ice-r-0102-pnr";

  @Override
  public boolean run(Federation federation, Narrator say) {
    say.step("An IOC-2 analyst asks ICE about Viktor Petrenko, born 1971-11-05.");
    PartnerAnswer before = ask(federation);
    say.answers(List.of(before));
    boolean withheld =
        before.getAnswer().getWithheldList().stream()
            .anyMatch(w -> w.getRecordId().equals(PNR_RECORD));

    say.step(
        "ICE's officer asks CBP, the originator, to consent to disclosing "
            + PNR_RECORD
            + " to us.ioc2.");
    WorkflowItem asked;
    try (NodeClient ice = federation.node("us.ice").client()) {
      asked =
          WorkflowsGrpc.newBlockingStub(ice.channel())
              .requestConsent(
                  ConsentDraft.newBuilder()
                      .setRecordId(PNR_RECORD)
                      .setForAgency("us.ioc2")
                      .setJustification("IOC-2 investigates the same courier network")
                      .setPurpose("INTERNATIONAL_ORGANIZED_CRIME")
                      .setCaseReference("ICE-NY-2026-0102")
                      .build());
    }
    String id = asked.getWorkflowId();
    WorkflowItem atCbp = awaitWorkflow(federation, "us.cbp", id, WorkflowItem::getAwaitingUs);
    if (atCbp == null) {
      say.verdict(false, "the consent request did not reach CBP.");
      return false;
    }
    say.step("CBP's officer grants it, on condition of analytical use only.");
    try (NodeClient cbp = federation.node("us.cbp").client()) {
      WorkflowsGrpc.newBlockingStub(cbp.channel())
          .answer(
              WorkflowAnswer.newBuilder()
                  .setWorkflowId(id)
                  .setDecision(WorkflowDecision.GRANT)
                  .setConditions("analytical use only")
                  .build());
    }
    WorkflowItem granted =
        awaitWorkflow(federation, "us.ice", id, i -> i.getState() == WorkflowState.GRANTED);
    say.step("IOC-2 asks again.");
    PartnerAnswer after = ask(federation);
    say.answers(List.of(after));
    boolean flows =
        after.getAnswer().getDisclosuresList().stream()
                .anyMatch(d -> d.getRecordId().equals(PNR_RECORD))
            && after.getAnswer().getWithheldList().stream()
                .noneMatch(w -> w.getRecordId().equals(PNR_RECORD));
    boolean ok = withheld && granted != null && flows;
    say.verdict(
        ok,
        ok
            ? "withheld (and said so) until CBP consented; then it flowed. The request and the grant are steps"
                + " in both nodes' audit logs (liaison audit export)."
            : "the PNR content was not withheld-then-released as the third-party rule requires.");
    return ok;
  }

  /** The workflow as {@code agency}'s node shows it once it is {@code in}, or null after 30 s. */
  private static WorkflowItem awaitWorkflow(
      Federation federation, String agency, String id, Predicate<WorkflowItem> in) {
    return Waiting.until(
        Duration.ofSeconds(30),
        () -> {
          try (NodeClient client = federation.node(agency).client()) {
            WorkflowItem i =
                WorkflowsGrpc.newBlockingStub(client.channel())
                    .show(WorkflowRef.newBuilder().setWorkflowId(id).build());
            return in.test(i) ? i : null;
          }
        });
  }

  private static PartnerAnswer ask(Federation federation) {
    return DemoRequests.send(
            federation,
            "us.ioc2",
            OfficerQueries.person(
                "Viktor Petrenko",
                "1971-11-05",
                "ANALYST",
                "INTERNATIONAL_ORGANIZED_CRIME",
                "IOC2-2026-0015",
                DemoRequests.DEADLINE_MS,
                List.of("us.ice")))
        .get(0);
  }
}

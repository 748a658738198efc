package org.liaison.node.workflow.designation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.liaison.agreements.Agreement;
import org.liaison.node.config.NodeConfig;
import org.liaison.node.workflow.AgreementChoice;
import org.liaison.node.workflow.DueTimes;
import org.liaison.node.workflow.Workflow;
import org.liaison.node.workflow.WorkflowEngine;
import org.liaison.node.workflow.WorkflowException;
import org.liaison.node.workflow.delivery.WorkflowMessages;
import org.liaison.wire.v1.DesignatedAgent;
import org.liaison.wire.v1.DesignationAnswer;
import org.liaison.wire.v1.DesignationDraft;
import org.liaison.wire.v1.DesignationMessage;
import org.liaison.wire.v1.DesignationRequest;
import org.liaison.wire.v1.WorkflowAnswer;
import org.liaison.wire.v1.WorkflowDecision;
import org.liaison.wire.v1.WorkflowKind;
import org.liaison.wire.v1.WorkflowSide;
import org.liaison.wire.v1.WorkflowState;

/**
 * Cross-designation (e.g. Title 21 for HSI agents, dea-ice-xdes-2009): one agency asks another to
 * designate named agents; the other approves (all or some) or declines. Runs only under an
 * agreement whose service levels track designation requests.
 */
@ApplicationScoped
public class DesignationService {
  public static final String DEFAULT_AUTHORITY = "TITLE_21";

  @Inject WorkflowEngine engine;
  @Inject AgreementChoice choice;
  @Inject NodeConfig config;

  public Workflow request(DesignationDraft d, String officer) {
    if (d.getPartner().isBlank()) {
      throw WorkflowException.invalid(
          "a designation request needs the designating agency (--partner)");
    }
    List<String> agents =
        d.getAgentsList().stream().map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
    if (agents.isEmpty()) {
      throw WorkflowException.invalid("a designation request needs at least one agent (--agent)");
    }
    Agreement a =
        choice.choose(
            d.getPartner(),
            d.getAgreementId(),
            ag -> ag.serviceLevels() != null && ag.serviceLevels().designationRequestsTracked(),
            "cross-designation requests");
    String authority = d.getAuthority().isBlank() ? DEFAULT_AUTHORITY : d.getAuthority();
    return engine.start(
        new WorkflowEngine.Opening(
            WorkflowKind.DESIGNATION,
            AgreementChoice.scope(d.getPartner(), a, d.getPurpose(), d.getCaseReference()),
            null,
            null,
            officer,
            authority + " for " + agents),
        a,
        due ->
            DesignationRequest.newBuilder()
                .addAllAgents(agents)
                .setAuthority(authority)
                .setJustification(d.getJustification())
                .setDueEpochMs(DueTimes.toWire(due))
                .build(),
        (step, request) ->
            DesignationMessage.newBuilder().setStep(step).setRequest(request).build());
  }

  public Workflow answer(WorkflowAnswer a, String officer) {
    Workflow w = engine.require(a.getWorkflowId());
    DesignationRequest request = WorkflowMessages.decode(DesignationRequest.parser(), w.requestB64);
    DesignationAnswer.Builder answer = DesignationAnswer.newBuilder().setReason(a.getReason());
    WorkflowDecision decision = a.getDecision();
    switch (decision) {
      case APPROVE, APPROVE_IN_PART -> {
        Set<String> asked = new LinkedHashSet<>(request.getAgentsList());
        List<String> approved = a.getAgentsCount() == 0 ? List.copyOf(asked) : a.getAgentsList();
        List<String> unknown = approved.stream().filter(x -> !asked.contains(x)).toList();
        if (!unknown.isEmpty()) {
          throw WorkflowException.invalid(
              unknown + " were not in the request; asked for: " + asked);
        }
        decision =
            approved.size() == asked.size()
                ? WorkflowDecision.APPROVE
                : WorkflowDecision.APPROVE_IN_PART;
        answer.addAllAgents(approved);
      }
      case DECLINE -> {
        if (a.getReason().isBlank()) {
          throw WorkflowException.invalid("declining needs the reason (--reason)");
        }
      }
      default ->
          throw WorkflowException.invalid(
              "a designation request is answered with APPROVE or DECLINE");
    }
    DesignationAnswer built = answer.setDecision(decision).build();
    return engine.answer(
        w.workflowId,
        decision,
        built,
        officer,
        decision == WorkflowDecision.DECLINE
            ? a.getReason()
            : "designated " + built.getAgentsList(),
        step -> DesignationMessage.newBuilder().setStep(step).setAnswer(built).build());
  }

  /** Agents designated through approved requests, on either side, with processing times. */
  public List<DesignatedAgent> designated(String partner) {
    String me = config.agency();
    List<DesignatedAgent> out = new ArrayList<>();
    for (Workflow w :
        engine.list(WorkflowKind.DESIGNATION, partner.isBlank() ? null : partner, false)) {
      if (w.state != WorkflowState.APPROVED && w.state != WorkflowState.APPROVED_IN_PART) {
        continue;
      }
      DesignationRequest q = WorkflowMessages.decode(DesignationRequest.parser(), w.requestB64);
      DesignationAnswer ans = WorkflowMessages.decode(DesignationAnswer.parser(), w.answerB64);
      boolean asked = w.side == WorkflowSide.REQUESTER;
      for (String agent : ans.getAgentsList()) {
        out.add(
            DesignatedAgent.newBuilder()
                .setAgent(agent)
                .setDesignatingAgency(asked ? w.scope.partnerAgency() : me)
                .setRequestingAgency(asked ? me : w.scope.partnerAgency())
                .setAuthority(q.getAuthority())
                .setWorkflowId(w.workflowId)
                .setRequestedAt(w.createdAt.toString())
                .setDesignatedAt(w.answeredAt.toString())
                .setProcessingMs(Duration.between(w.createdAt, w.answeredAt).toMillis())
                .build());
      }
    }
    return out;
  }
}

package org.liaison.node.workflow.designation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.liaison.node.federation.InboundRequest;
import org.liaison.node.workflow.DueTimes;
import org.liaison.node.workflow.InboundScope;
import org.liaison.node.workflow.WorkflowException;
import org.liaison.node.workflow.WorkflowInbound;
import org.liaison.wire.v1.DesignationMessage;
import org.liaison.wire.v1.DesignationRequest;
import org.liaison.wire.v1.WorkflowKind;

/** A partner asks this agency to cross-designate its agents, or answers our request. */
@ApplicationScoped
public class DesignationHandler extends WorkflowInbound<DesignationMessage> {
  @Inject InboundScope scope;

  public DesignationHandler() {
    super(DesignationMessage.getDefaultInstance(), DesignationMessage::getStep);
  }

  @Override
  protected void apply(InboundRequest r, DesignationMessage m) {
    switch (m.getBodyCase()) {
      case REQUEST -> {
        DesignationRequest q = m.getRequest();
        scope.requireDesignationsTracked(r);
        engine.arrive(
            r,
            m.getStep(),
            WorkflowKind.DESIGNATION,
            null,
            null,
            DueTimes.fromWire(q.getDueEpochMs()),
            q,
            q.getAuthority() + " for " + q.getAgentsList());
      }
      case ANSWER ->
          engine.answerArrived(
              r,
              m.getStep(),
              m.getAnswer().getDecision(),
              m.getAnswer(),
              m.getAnswer().getAgentsCount() > 0
                  ? "designated " + m.getAnswer().getAgentsList()
                  : m.getAnswer().getReason());
      default ->
          throw WorkflowException.invalid("a DesignationMessage needs a request or an answer");
    }
  }
}

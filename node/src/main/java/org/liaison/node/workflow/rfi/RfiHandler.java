package org.liaison.node.workflow.rfi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import org.liaison.node.federation.InboundRequest;
import org.liaison.node.workflow.InboundScope;
import org.liaison.node.workflow.WorkflowException;
import org.liaison.node.workflow.WorkflowInbound;
import org.liaison.wire.v1.RfiMessage;
import org.liaison.wire.v1.WorkflowKind;

/** A partner's request for information, or its answer to one of ours. */
@ApplicationScoped
public class RfiHandler extends WorkflowInbound<RfiMessage> {
  @Inject InboundScope scope;

  public RfiHandler() {
    super(RfiMessage.getDefaultInstance(), RfiMessage::getStep);
  }

  @Override
  protected void apply(InboundRequest r, RfiMessage m) {
    switch (m.getBodyCase()) {
      case REQUEST -> {
        scope.check(r, m.getRequest().getOfficerRole());
        engine.arrive(
            r,
            m.getStep(),
            WorkflowKind.INFORMATION_REQUEST,
            m.getRequest().getRecordId(),
            null,
            scope.dueAt(r, Instant.now()),
            m.getRequest(),
            m.getRequest().getJustification());
      }
      case ANSWER ->
          engine.answerArrived(
              r,
              m.getStep(),
              m.getAnswer().getDecision(),
              m.getAnswer(),
              m.getAnswer().hasDisclosure()
                  ? "fields " + m.getAnswer().getDisclosure().getFieldsMap().keySet()
                  : m.getAnswer().getReason());
      default -> throw WorkflowException.invalid("an RfiMessage needs a request or an answer");
    }
  }
}

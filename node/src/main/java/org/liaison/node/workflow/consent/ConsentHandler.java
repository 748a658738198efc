package org.liaison.node.workflow.consent;

import io.grpc.Status;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import org.liaison.node.federation.InboundRequest;
import org.liaison.node.workflow.InboundScope;
import org.liaison.node.workflow.WorkflowException;
import org.liaison.node.workflow.WorkflowInbound;
import org.liaison.wire.v1.ConsentMessage;
import org.liaison.wire.v1.ConsentRequest;
import org.liaison.wire.v1.Reason;
import org.liaison.wire.v1.WorkflowKind;

/**
 * A holder asks this agency, the originator, for consent; an agency a record was withheld from asks
 * this agency, the holder, to seek it ({@link ConsentAsks}); or the agency asked answers ours.
 */
@ApplicationScoped
public class ConsentHandler extends WorkflowInbound<ConsentMessage> {
  @Inject InboundScope scope;
  @Inject GrantedConsents consents;
  @Inject ConsentAsks asks;

  public ConsentHandler() {
    super(ConsentMessage.getDefaultInstance(), ConsentMessage::getStep);
  }

  @Override
  protected void apply(InboundRequest r, ConsentMessage m) {
    switch (m.getBodyCase()) {
      case REQUEST -> {
        ConsentRequest q = m.getRequest();
        engine.arrive(
            r,
            m.getStep(),
            WorkflowKind.CONSENT,
            q.getRecordId(),
            q.getRequestingAgency(),
            scope.dueAt(r, Instant.now()),
            q,
            "onward disclosure of "
                + q.getRecordCategory()
                + " record "
                + q.getRecordId()
                + " to "
                + q.getRequestingAgency());
      }
      case ASK -> asks.arrived(r, m);
      case ANSWER -> {
        requireOriginator(r, m.getStep().getWorkflowId());
        var answered =
            engine.answerArrived(
                r,
                m.getStep(),
                m.getAnswer().getDecision(),
                m.getAnswer(),
                m.getAnswer().getConditions().isBlank()
                    ? m.getAnswer().getReason()
                    : "conditions: " + m.getAnswer().getConditions());
        asks.originatorAnswered(answered, m.getAnswer());
      }
      default -> throw WorkflowException.invalid("a ConsentMessage needs a request or an answer");
    }
  }

  /**
   * Only the agency a consent request of ours was sent to may answer it (the record's originator;
   * for an ask, the holder, which passes on the originator's answer): an answer from any other
   * agency is refused the same way whether or not the workflow exists.
   */
  private void requireOriginator(InboundRequest r, String workflowId) {
    if (!consents.askedOf(workflowId, r.senderAgency())) {
      throw new WorkflowException(
          Status.Code.PERMISSION_DENIED,
          Reason.NOT_ORIGINATOR,
          r.senderAgency()
              + " is not the originator this agency asked for consent in that workflow; only the"
              + " record's originator can grant or refuse onward sharing");
    }
  }
}

package org.liaison.node.workflow.consent;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.liaison.node.federation.InboundRequest;
import org.liaison.node.workflow.WorkflowException;
import org.liaison.node.workflow.WorkflowInbound;
import org.liaison.wire.v1.ConsentMessage;
import org.liaison.wire.v1.ConsentRequest;
import org.liaison.wire.v1.WorkflowKind;

/** A holder asks this agency, the originator, for consent; or the originator answers ours. */
@ApplicationScoped
public class ConsentHandler extends WorkflowInbound {

  @Override
  public String contentType() {
    return ConsentMessage.getDescriptor().getFullName();
  }

  @Override
  public Message handle(InboundRequest r) throws InvalidProtocolBufferException {
    ConsentMessage m = ConsentMessage.parseFrom(r.payload());
    return receive(
        r,
        m.getStep(),
        () -> {
          switch (m.getBodyCase()) {
            case REQUEST -> {
              ConsentRequest q = m.getRequest();
              engine.arrive(
                  r,
                  m.getStep(),
                  WorkflowKind.CONSENT,
                  q.getRecordId(),
                  q.getRequestingAgency(),
                  q.getDueEpochMs() == 0 ? null : Instant.ofEpochMilli(q.getDueEpochMs()),
                  q,
                  "onward disclosure of "
                      + q.getRecordCategory()
                      + " record "
                      + q.getRecordId()
                      + " to "
                      + q.getRequestingAgency());
            }
            case ANSWER ->
                engine.answerArrived(
                    r,
                    m.getStep(),
                    m.getAnswer().getDecision(),
                    m.getAnswer(),
                    m.getAnswer().getConditions().isBlank()
                        ? m.getAnswer().getReason()
                        : "conditions: " + m.getAnswer().getConditions());
            default ->
                throw WorkflowException.invalid("a ConsentMessage needs a request or an answer");
          }
        });
  }
}

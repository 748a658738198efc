package org.liaison.node.workflow.feedback;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import jakarta.enterprise.context.ApplicationScoped;
import org.liaison.node.federation.InboundRequest;
import org.liaison.node.workflow.WorkflowInbound;
import org.liaison.wire.v1.FeedbackMessage;
import org.liaison.wire.v1.FeedbackReport;
import org.liaison.wire.v1.WorkflowKind;

/** Feedback from a partner on a result that used information this agency disclosed. */
@ApplicationScoped
public class FeedbackHandler extends WorkflowInbound {

  @Override
  public String contentType() {
    return FeedbackMessage.getDescriptor().getFullName();
  }

  @Override
  public Message handle(InboundRequest r) throws InvalidProtocolBufferException {
    FeedbackMessage m = FeedbackMessage.parseFrom(r.payload());
    FeedbackReport f = m.getReport();
    return receive(
        r,
        m.getStep(),
        () ->
            engine.arrive(
                r,
                m.getStep(),
                WorkflowKind.FEEDBACK,
                f.getRecordId(),
                null,
                null,
                f,
                f.getResult()
                    + " using record "
                    + f.getRecordId()
                    + (f.getDisclosureMessageId().isBlank()
                        ? ""
                        : " (disclosure " + f.getDisclosureMessageId() + ")")));
  }
}

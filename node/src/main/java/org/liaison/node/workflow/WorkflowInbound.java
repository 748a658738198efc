package org.liaison.node.workflow;

import com.google.protobuf.Message;
import jakarta.inject.Inject;
import org.liaison.node.federation.InboundHandler;
import org.liaison.node.federation.InboundRequest;
import org.liaison.wire.v1.Refusal;
import org.liaison.wire.v1.WorkflowAck;
import org.liaison.wire.v1.WorkflowStep;

/**
 * What the handlers of workflow messages share: each message is applied once through the engine,
 * and answered with a {@link WorkflowAck}; a message that cannot be applied is acknowledged with a
 * refusal (so the sender stops retrying it) and changes nothing.
 */
public abstract class WorkflowInbound implements InboundHandler {
  @Inject protected WorkflowEngine engine;

  protected WorkflowAck receive(InboundRequest r, WorkflowStep step, Runnable apply) {
    try {
      return engine.receive(r, step, apply);
    } catch (WorkflowException e) {
      return WorkflowAck.newBuilder()
          .setMessageId(step.getMessageId())
          .setReceivedEpochMs(System.currentTimeMillis())
          .setRefusal(
              Refusal.newBuilder()
                  .setReason(e.reason())
                  .setAgreementId(r.agreementId())
                  .setMessage(e.getMessage()))
          .build();
    }
  }

  @Override
  public Message refusal(Refusal refusal) {
    return WorkflowAck.newBuilder().setRefusal(refusal).build();
  }
}

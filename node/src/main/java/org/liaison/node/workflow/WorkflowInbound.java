package org.liaison.node.workflow;

import com.google.protobuf.Message;
import jakarta.inject.Inject;
import java.util.function.Function;
import org.liaison.node.federation.InboundRequest;
import org.liaison.node.federation.TypedInboundHandler;
import org.liaison.wire.v1.Refusal;
import org.liaison.wire.v1.WorkflowAck;
import org.liaison.wire.v1.WorkflowStep;

/**
 * What the handlers of workflow messages share: each message is applied once through the engine,
 * and answered with a {@link WorkflowAck}; a message that cannot be applied is acknowledged with a
 * refusal (so the sender stops retrying it) and changes nothing.
 *
 * @param <M> the workflow's message type (one per workflow kind), which carries its step
 */
public abstract class WorkflowInbound<M extends Message> extends TypedInboundHandler<M> {
  @Inject protected WorkflowEngine engine;

  private final Function<M, WorkflowStep> stepOf;

  protected WorkflowInbound(M prototype, Function<M, WorkflowStep> stepOf) {
    super(prototype);
    this.stepOf = stepOf;
  }

  @Override
  protected Message answer(InboundRequest r, M m) {
    WorkflowStep step = stepOf.apply(m);
    try {
      return engine.receive(r, step, () -> apply(r, m));
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

  /**
   * Applies a message not seen before, in the transaction that records it as received; a {@link
   * WorkflowException} refuses it and changes nothing.
   */
  protected abstract void apply(InboundRequest r, M m);

  @Override
  public Message refusal(Refusal refusal) {
    return WorkflowAck.newBuilder().setRefusal(refusal).build();
  }
}

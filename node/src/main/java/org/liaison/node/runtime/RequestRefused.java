package org.liaison.node.runtime;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.liaison.wire.transport.Refusals;
import org.liaison.wire.v1.Reason;

/**
 * A request the node refuses: the gRPC status code, the machine-readable reason and a sentence a
 * person can act on.
 */
public abstract class RequestRefused extends RuntimeException {
  private final Status.Code code;
  private final Reason reason;

  protected RequestRefused(Status.Code code, Reason reason, String sentence) {
    super(sentence);
    this.code = code;
    this.reason = reason;
  }

  public Status.Code code() {
    return code;
  }

  public Reason reason() {
    return reason;
  }

  /** The refusal as the caller receives it. */
  public StatusRuntimeException toStatus() {
    return Refusals.refuse(code, reason, getMessage());
  }
}

package org.liaison.gateway.relay;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.liaison.wire.transport.Refusals;
import org.liaison.wire.v1.Reason;

/** Why the gateway would not relay an envelope; becomes a gRPC status with its reason. */
public final class RelayRefusal extends Exception {
  private final Status.Code code;
  private final Reason reason;

  public RelayRefusal(Status.Code code, Reason reason, String sentence) {
    super(sentence);
    this.code = code;
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  public StatusRuntimeException toStatus() {
    return Refusals.refuse(code, reason, getMessage());
  }
}

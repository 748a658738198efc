package org.liaison.node.query;

import io.grpc.Status;
import org.liaison.node.runtime.RequestRefused;
import org.liaison.wire.v1.Reason;

/** An officer's request that cannot be sent as it is; the message says what to change. */
public final class InvalidOfficerRequest extends RequestRefused {
  public InvalidOfficerRequest(String sentence) {
    super(Status.Code.INVALID_ARGUMENT, Reason.INVALID_ARGUMENT, sentence);
  }
}

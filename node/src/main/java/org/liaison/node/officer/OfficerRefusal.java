package org.liaison.node.officer;

import io.grpc.Status;
import org.liaison.wire.v1.Reason;

/** An officer's request refused because it claims an identity or role the officer lacks. */
public class OfficerRefusal extends RuntimeException {
  private final Status.Code code;
  private final Reason reason;

  public OfficerRefusal(Status.Code code, Reason reason, String sentence) {
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
}

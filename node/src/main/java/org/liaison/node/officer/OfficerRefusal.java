package org.liaison.node.officer;

import io.grpc.Status;
import org.liaison.node.runtime.RequestRefused;
import org.liaison.wire.v1.Reason;

/** An officer's request refused because it claims an identity or role the officer lacks. */
public class OfficerRefusal extends RequestRefused {
  public OfficerRefusal(Status.Code code, Reason reason, String sentence) {
    super(code, reason, sentence);
  }
}

package org.liaison.node.federation;

import com.google.protobuf.Message;
import org.liaison.wire.v1.QueryAnswer;
import org.liaison.wire.v1.TargetCheckAnswer;
import org.liaison.wire.v1.WorkflowAck;

/** The outcome of an answer, as the exchange log records it. */
final class Outcomes {
  private Outcomes() {}

  static String of(Message answer) {
    if (answer instanceof QueryAnswer q) {
      return q.getOutcome().name();
    }
    if (answer instanceof TargetCheckAnswer t) {
      return t.hasRefusal() ? "REFUSED" : t.getConflict() ? "CONFLICT" : "NO_MATCH";
    }
    if (answer instanceof WorkflowAck w && w.hasRefusal()) {
      return "REFUSED";
    }
    return "ANSWERED";
  }

  static String reasonOf(Message answer) {
    if (answer instanceof QueryAnswer q && q.hasRefusal()) {
      return q.getRefusal().getReason().name();
    }
    if (answer instanceof TargetCheckAnswer t && t.hasRefusal()) {
      return t.getRefusal().getReason().name();
    }
    if (answer instanceof WorkflowAck w && w.hasRefusal()) {
      return w.getRefusal().getReason().name();
    }
    return null;
  }
}

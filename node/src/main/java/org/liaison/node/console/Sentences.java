package org.liaison.node.console;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.List;
import org.liaison.wire.transport.Refusals;
import org.liaison.wire.v1.PointOfContact;
import org.liaison.wire.v1.Reason;
import org.liaison.wire.v1.Refusal;

/**
 * The sentences the CLI prints ({@code org.liaison.cli.AnswerText}, {@code ErrorReport}), for the
 * console: a refusal names its reason, agreement and clause; a failed call says what the node
 * answered.
 */
final class Sentences {
  private Sentences() {}

  static String refusal(Refusal r, String fallbackAgreement) {
    StringBuilder s = new StringBuilder(r.getReason().name());
    String agreement = r.getAgreementId().isEmpty() ? fallbackAgreement : r.getAgreementId();
    if (!agreement.isEmpty()) s.append(" under ").append(agreement);
    if (!r.getClause().isEmpty()) s.append(", clause ").append(r.getClause());
    if (!r.getMessage().isEmpty()) s.append(": ").append(r.getMessage());
    return s.toString();
  }

  static String because(Reason reason, String message) {
    boolean hasReason = reason != Reason.REASON_UNSPECIFIED && reason != Reason.UNRECOGNIZED;
    if (hasReason && !message.isEmpty()) return reason.name() + ": " + message;
    if (hasReason) return reason.name();
    return message;
  }

  static String contact(PointOfContact c) {
    List<String> parts = new ArrayList<>();
    if (!c.getName().isEmpty()) parts.add(c.getName());
    if (!c.getAgency().isEmpty()) parts.add(c.getAgency());
    if (!c.getPhone().isEmpty()) parts.add(c.getPhone());
    if (!c.getEmail().isEmpty()) parts.add(c.getEmail());
    return parts.isEmpty() ? "-" : String.join(", ", parts);
  }

  /** What the CLI prints for a failed call, with "the node" for its address. */
  static String failure(Throwable t) {
    if (!(t instanceof StatusRuntimeException e)) {
      return "The node could not carry this out: " + t.getMessage() + ".";
    }
    Status status = e.getStatus();
    if (status.getCode() == Status.Code.DEADLINE_EXCEEDED) {
      return "The node did not answer in time (DEADLINE_EXCEEDED).";
    }
    StringBuilder s = new StringBuilder("The node answered ").append(status.getCode());
    Refusals.reasonOf(e).ifPresent(r -> s.append(", reason ").append(r.name()));
    String text = Refusals.sentenceOf(e);
    if (text != null && !text.isBlank() && !text.equals(status.getCode().name())) {
      s.append(": ").append(text.strip());
    }
    String out = s.toString();
    return out.endsWith(".") || out.endsWith("?") || out.endsWith("!") ? out : out + ".";
  }
}

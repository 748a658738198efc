package org.liaison.wire.text;

import com.google.rpc.ErrorInfo;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.liaison.wire.transport.Refusals;
import org.liaison.wire.v1.PartnerAnswer;
import org.liaison.wire.v1.PointOfContact;
import org.liaison.wire.v1.Reason;
import org.liaison.wire.v1.Refusal;

/**
 * The sentences an officer reads, the same in the CLI and the web console: a refusal names its
 * reason, agreement and clause; a withheld or failed answer says why; a failed call says what the
 * node answered.
 */
public final class Sentences {
  private Sentences() {}

  /** "REASON under AGREEMENT, clause CLAUSE: message". */
  public static String refusal(Refusal r, String fallbackAgreement) {
    StringBuilder s = new StringBuilder(r.getReason().name());
    String agreement = r.getAgreementId().isEmpty() ? fallbackAgreement : r.getAgreementId();
    if (!agreement.isEmpty()) s.append(" under ").append(agreement);
    if (!r.getClause().isEmpty()) s.append(", clause ").append(r.getClause());
    if (!r.getMessage().isEmpty()) s.append(": ").append(r.getMessage());
    return s.toString();
  }

  /** A refused partner answer: the partner's refusal, or the fan-out's reason for it. */
  public static String refusal(PartnerAnswer a) {
    Refusal r =
        a.getAnswer().hasRefusal()
            ? a.getAnswer().getRefusal()
            : Refusal.newBuilder()
                .setReason(a.getReason())
                .setMessage(a.getMessage())
                .setAgreementId(a.getAgreementId())
                .build();
    return refusal(r, a.getAgreementId());
  }

  /** "REASON: message", or whichever of the two there is. */
  public static String because(Reason reason, String message) {
    boolean hasReason = reason != Reason.REASON_UNSPECIFIED && reason != Reason.UNRECOGNIZED;
    if (hasReason && !message.isEmpty()) return reason.name() + ": " + message;
    if (hasReason) return reason.name();
    return message;
  }

  /** "name, agency, phone, e-mail" (what there is), or "-". */
  public static String contact(PointOfContact c) {
    List<String> parts = new ArrayList<>();
    if (!c.getName().isEmpty()) parts.add(c.getName());
    if (!c.getAgency().isEmpty()) parts.add(c.getAgency());
    if (!c.getPhone().isEmpty()) parts.add(c.getPhone());
    if (!c.getEmail().isEmpty()) parts.add(c.getEmail());
    return parts.isEmpty() ? "-" : String.join(", ", parts);
  }

  /**
   * What a failed call to {@code node} ("the node at host:port", or "the node") answered: "The node
   * answered CODE, reason R: sentence."
   */
  public static String callFailed(StatusRuntimeException e, String node) {
    Status status = e.getStatus();
    String who = Character.toUpperCase(node.charAt(0)) + node.substring(1);
    if (status.getCode() == Status.Code.DEADLINE_EXCEEDED) {
      return who + " did not answer in time (DEADLINE_EXCEEDED).";
    }
    StringBuilder s = new StringBuilder(who).append(" answered ").append(status.getCode());
    Optional<String> reason = reasonCode(e);
    reason.ifPresent(r -> s.append(", reason ").append(r));
    String description = status.getDescription();
    if (description != null && !description.isBlank()) {
      String text = description.strip();
      // refusals put the reason in front of the sentence too; say it once
      if (reason.isPresent() && text.startsWith(reason.get() + ": ")) {
        text = text.substring(reason.get().length() + 2);
      }
      s.append(": ").append(text);
    }
    return endSentence(s.toString());
  }

  /** As {@link #callFailed(StatusRuntimeException, String)}, for any failure of a call. */
  public static String callFailed(Throwable t, String node) {
    if (t instanceof StatusRuntimeException e) {
      return callFailed(e, node);
    }
    String who = Character.toUpperCase(node.charAt(0)) + node.substring(1);
    return endSentence(who + " could not carry this out: " + t.getMessage());
  }

  /** The reason code of the {@code google.rpc.ErrorInfo} in the status details, if there is one. */
  public static Optional<String> reasonCode(StatusRuntimeException e) {
    return Refusals.errorInfos(e).stream()
        .findFirst()
        .map(ErrorInfo::getReason)
        .filter(r -> !r.isEmpty());
  }

  /** The sentence with a full stop, unless it ends in one already. */
  public static String endSentence(String s) {
    return s.endsWith(".") || s.endsWith("?") || s.endsWith("!") ? s : s + ".";
  }
}

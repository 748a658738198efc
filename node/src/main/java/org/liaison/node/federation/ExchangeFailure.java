package org.liaison.node.federation;

import io.grpc.StatusRuntimeException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.liaison.wire.oprf.OprfException;
import org.liaison.wire.v1.PartnerAnswer;
import org.liaison.wire.v1.Reason;

/** Why a partner's answer did not arrive or could not be trusted. */
public final class ExchangeFailure extends Exception {
  private final PartnerAnswer.Status status;
  private final Reason reason;

  public ExchangeFailure(PartnerAnswer.Status status, Reason reason, String sentence) {
    super(sentence);
    this.status = status;
    this.reason = reason;
  }

  /**
   * The one mapping of why a call to a partner failed: the failure itself, a missed deadline, a
   * malformed OPRF message from the partner, the transport's status, or anything else (internal).
   */
  public static ExchangeFailure of(Throwable error, String partnerAgency) {
    Throwable cause = error;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof ExchangeFailure f) {
      return f;
    }
    if (cause instanceof TimeoutException) {
      return new ExchangeFailure(
          PartnerAnswer.Status.DEADLINE_EXCEEDED,
          Reason.DEADLINE_EXCEEDED,
          partnerAgency + " did not answer before the deadline");
    }
    if (cause instanceof OprfException e) {
      return new ExchangeFailure(
          PartnerAnswer.Status.REJECTED, e.reason(), partnerAgency + ": " + e.getMessage());
    }
    if (cause instanceof StatusRuntimeException e) {
      return new ExchangeFailure(
          PartnerAnswer.Status.UNAVAILABLE,
          Reason.PARTNER_UNAVAILABLE,
          partnerAgency + ": " + e.getStatus());
    }
    return new ExchangeFailure(
        PartnerAnswer.Status.UNAVAILABLE,
        Reason.INTERNAL,
        "the exchange with " + partnerAgency + " failed: " + cause);
  }

  public PartnerAnswer.Status status() {
    return status;
  }

  public Reason reason() {
    return reason;
  }
}

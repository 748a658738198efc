package org.liaison.node.federation;

import io.grpc.StatusRuntimeException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.liaison.wire.oprf.OprfException;
import org.liaison.wire.transport.Refusals;
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
      return ofStatus(e, partnerAgency);
    }
    return new ExchangeFailure(
        PartnerAnswer.Status.UNAVAILABLE,
        Reason.INTERNAL,
        "the exchange with " + partnerAgency + " failed: " + cause);
  }

  /**
   * What a failed call through this agency's gateway means for the officer: unavailable, too slow,
   * refused or rejected, by the refusal's reason where it names one, else by the status code.
   */
  private static ExchangeFailure ofStatus(StatusRuntimeException e, String partner) {
    Reason reason = Refusals.reasonOf(e).orElse(null);
    String sentence = Refusals.sentenceOf(e);
    if (reason == null) {
      return switch (e.getStatus().getCode()) {
        case DEADLINE_EXCEEDED ->
            new ExchangeFailure(
                PartnerAnswer.Status.DEADLINE_EXCEEDED,
                Reason.DEADLINE_EXCEEDED,
                partner + " did not answer before the deadline");
        case UNAVAILABLE ->
            new ExchangeFailure(
                PartnerAnswer.Status.UNAVAILABLE,
                Reason.OWN_GATEWAY_UNAVAILABLE,
                "this agency's gateway is unreachable, so nothing was sent to "
                    + partner
                    + ": "
                    + sentence);
        default ->
            new ExchangeFailure(
                PartnerAnswer.Status.UNAVAILABLE, Reason.INTERNAL, partner + ": " + sentence);
      };
    }
    PartnerAnswer.Status status =
        switch (reason) {
          // the partner would answer but cannot put the answer on its record yet: retry later
          case PARTNER_UNAVAILABLE,
              OWN_GATEWAY_UNAVAILABLE,
              AUDIT_UNAVAILABLE,
              STORAGE_UNAVAILABLE ->
              PartnerAnswer.Status.UNAVAILABLE;
          case DEADLINE_EXCEEDED -> PartnerAnswer.Status.DEADLINE_EXCEEDED;
          case NO_AGREEMENT,
              AGREEMENT_NOT_IN_FORCE,
              AGREEMENT_EXPIRED,
              AGREEMENT_SUSPENDED,
              AGREEMENT_TERMINATED,
              AGREEMENT_UNSIGNED,
              RATE_LIMITED,
              QUOTA_EXHAUSTED,
              NO_ROUTE ->
              PartnerAnswer.Status.REFUSED;
          default -> PartnerAnswer.Status.REJECTED;
        };
    return new ExchangeFailure(status, reason, sentence);
  }

  public PartnerAnswer.Status status() {
    return status;
  }

  public Reason reason() {
    return reason;
  }
}

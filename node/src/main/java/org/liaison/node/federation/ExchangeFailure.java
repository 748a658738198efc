package org.liaison.node.federation;

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

  public PartnerAnswer.Status status() {
    return status;
  }

  public Reason reason() {
    return reason;
  }
}

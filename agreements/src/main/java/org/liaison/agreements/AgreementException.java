package org.liaison.agreements;

import org.liaison.wire.v1.Reason;

/** A refused agreement operation (lifecycle step, instantiation, signing) with its reason code. */
public final class AgreementException extends Exception {
  private final Reason reason;

  public AgreementException(Reason reason, String sentence) {
    super(sentence);
    this.reason = reason;
  }

  public AgreementException(Reason reason, String sentence, Throwable cause) {
    super(sentence, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}

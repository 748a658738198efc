package org.liaison.wire.pki;

import java.security.cert.CertificateException;
import org.liaison.wire.v1.Reason;

/** A certificate refused for one precise reason, with a sentence a person can act on. */
public final class CertificateValidationException extends CertificateException {

  private static final long serialVersionUID = 1L;

  private final Reason reason;

  public CertificateValidationException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}

package org.liaison.wire.envelope;

import java.util.Objects;
import org.liaison.wire.v1.Reason;

/** A refused envelope: the one reason code, and a sentence a person can act on. */
public final class WireException extends Exception {

  private static final long serialVersionUID = 1L;

  private final Reason reason;

  public WireException(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason);
  }

  public WireException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason);
  }

  public Reason reason() {
    return reason;
  }

  @Override
  public String toString() {
    return "WireException[" + reason + "]: " + getMessage();
  }
}

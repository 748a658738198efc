package org.liaison.wire.oprf;

import java.util.Objects;
import org.liaison.wire.v1.Reason;

/**
 * A refusal raised by the OPRF, filter or key-ring code: a reason code from the shared {@link
 * Reason} enum and a sentence a person can act on.
 */
public final class OprfException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Reason reason;

  public OprfException(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** The machine-readable reason (for example {@link Reason#INVALID_ARGUMENT}). */
  public Reason reason() {
    return reason;
  }

  static OprfException invalid(String message) {
    return new OprfException(Reason.INVALID_ARGUMENT, message);
  }
}

package org.liaison.node.identifiers;

import org.liaison.wire.v1.Reason;

/** An identifier or name that cannot be normalised; the message says why in a sentence. */
public final class InvalidIdentifierException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidIdentifierException(String message) {
    super(message);
  }

  public Reason reason() {
    return Reason.INVALID_ARGUMENT;
  }
}

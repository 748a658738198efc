package org.liaison.node.records;

import org.liaison.wire.v1.Reason;

/** Why a line cannot be imported; thrown inside the line's transaction so that it rolls back. */
final class ImportRejection extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final Reason reason;

  ImportRejection(Reason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  static ImportRejection invalid(String message) {
    return new ImportRejection(Reason.INVALID_ARGUMENT, message);
  }

  Reason reason() {
    return reason;
  }
}

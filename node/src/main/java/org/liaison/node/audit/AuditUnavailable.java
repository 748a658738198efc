package org.liaison.node.audit;

/** An audit entry a step depends on could not be written; the step must not act. */
public final class AuditUnavailable extends RuntimeException {
  public AuditUnavailable(String message, Throwable cause) {
    super(message, cause);
  }
}

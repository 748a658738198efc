package org.liaison.node.audit;

/** An audit entry a step depends on could not be written; the step must not act. */
public final class AuditUnavailable extends RuntimeException {
  public AuditUnavailable(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Whether {@code failure} comes from the database itself (a full disk, a database closed after a
   * failed write, a connection that cannot be had): then no audit entry can be written either, and
   * the refusal must say so rather than blame the decision.
   */
  public static boolean isDatabaseFailure(Throwable failure) {
    return isDatabaseFailure(failure, 0);
  }

  // causes and suppressed exceptions both: a failed commit carries the database's error as a
  // suppressed XAException under the transaction manager's RollbackException
  private static boolean isDatabaseFailure(Throwable t, int depth) {
    if (t == null || depth > 16) {
      return false;
    }
    // JDBC reports every database failure as an SQLException, whatever wraps it
    if (t instanceof java.sql.SQLException) {
      return true;
    }
    for (Throwable s : t.getSuppressed()) {
      if (isDatabaseFailure(s, depth + 1)) {
        return true;
      }
    }
    return t.getCause() != t && isDatabaseFailure(t.getCause(), depth + 1);
  }
}

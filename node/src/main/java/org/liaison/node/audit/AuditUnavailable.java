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
    for (Throwable t = failure; t != null; t = t.getCause()) {
      // JDBC reports every database failure as an SQLException, whatever wraps it
      if (t instanceof java.sql.SQLException) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }
}

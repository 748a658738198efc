package org.liaison.node.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Which failures mean the database itself failed (so the refusal is AUDIT_UNAVAILABLE). */
class AuditUnavailableTest {
  @Test
  void anSqlExceptionAnywhereInTheCauses_isADatabaseFailure() {
    var closed = new SQLException("The database has been closed [90098-240]");
    assertThat(AuditUnavailable.isDatabaseFailure(new IllegalStateException("query", closed)))
        .isTrue();
  }

  @Test
  void anSqlExceptionSuppressedUnderAFailedCommit_isADatabaseFailure() {
    // as Narayana reports a commit the database refused: RollbackException, the XA error suppressed
    var rollback = new RuntimeException("ARJUNA016053: Could not commit transaction.");
    var xa = new Exception("Error trying to transactionCommit local transaction");
    xa.initCause(new SQLException("General error", new IOException("No space left on device")));
    rollback.addSuppressed(xa);
    assertThat(AuditUnavailable.isDatabaseFailure(new RuntimeException(rollback))).isTrue();
  }

  @Test
  void aFailureOfTheDecisionItself_isNot() {
    assertThat(
            AuditUnavailable.isDatabaseFailure(
                new IllegalArgumentException("no such field", new NullPointerException())))
        .isFalse();
    assertThat(AuditUnavailable.isDatabaseFailure(null)).isFalse();
  }
}

package org.liaison.node.store;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.SystemException;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * One database transaction on a connection of the pool, without a JTA transaction or a Hibernate
 * session around it: autocommit off, the work, commit; rolled back if the work or the commit
 * throws. For the audit batch, which runs on every answer and whose statements are all JDBC: the
 * transaction manager and the session cost more than its statements (decision 0063).
 *
 * <p>A caller's own JTA transaction, if any, is suspended meanwhile (as {@code requiringNew} did):
 * the work commits on its own and sees nothing the caller has not committed.
 */
@ApplicationScoped
public class PlainTransaction {
  /** What runs in the transaction; its result is returned once committed. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /** What runs in the transaction when it returns nothing. */
  @FunctionalInterface
  public interface Step {
    void run(Connection c) throws SQLException;
  }

  @Inject AgroalDataSource dataSource;
  @Inject TransactionManager jta;

  /** As {@link #call}, for work that returns nothing. */
  public void run(Step step) {
    call(
        c -> {
          step.run(c);
          return null;
        });
  }

  /**
   * Runs {@code work} and commits, or rolls back and throws: an {@link SQLException} comes wrapped
   * in an {@link IllegalStateException} (its cause, so the failure still reads as the database's).
   */
  public <T> T call(Work<T> work) {
    Transaction outer = suspend();
    try {
      return committed(work);
    } finally {
      if (outer != null) {
        resume(outer);
      }
    }
  }

  // a connection taken inside the caller's JTA transaction would be enlisted in it
  private Transaction suspend() {
    try {
      return jta.getTransaction() == null ? null : jta.suspend();
    } catch (SystemException e) {
      throw new IllegalStateException("the caller's transaction could not be suspended", e);
    }
  }

  private void resume(Transaction outer) {
    try {
      jta.resume(outer);
    } catch (Exception e) {
      throw new IllegalStateException("the caller's transaction could not be resumed", e);
    }
  }

  private <T> T committed(Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      T result;
      try {
        result = work.run(c);
        c.commit();
      } catch (SQLException | RuntimeException | Error e) {
        rollBack(c, e);
        throw e;
      }
      c.setAutoCommit(true);
      return result;
    } catch (SQLException e) {
      throw new IllegalStateException("the database refused the transaction: " + e.getMessage(), e);
    }
  }

  // autocommit goes back on only after the rollback: switching it on commits what is open. A
  // connection whose rollback failed is aborted, so the pool discards it instead of resetting its
  // autocommit (which would commit the half-done work); the failure says what went wrong.
  private static void rollBack(Connection c, Throwable failure) {
    try {
      c.rollback();
      c.setAutoCommit(true);
    } catch (SQLException | RuntimeException e) {
      failure.addSuppressed(e);
      try {
        c.abort(Runnable::run);
      } catch (SQLException | RuntimeException abortFailed) {
        failure.addSuppressed(abortFailed);
      }
    }
  }
}

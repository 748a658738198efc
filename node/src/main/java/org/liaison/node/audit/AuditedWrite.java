package org.liaison.node.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * A database write that belongs to an answer's audit record (a quota count, a disclosure ledger
 * row, a journal line): {@link AuditLog#appendAll(java.util.List, java.util.List)} runs it in the
 * transaction that commits the answer's entries, so it is durable exactly when they are and costs
 * no commit of its own. If it throws, the whole batch fails and nothing leaves (decision 0018).
 *
 * <p>Plain JDBC statements on the batch's own connection, which carries no JTA transaction and no
 * Hibernate session (decision 0063): nothing else may commit or close it.
 */
@FunctionalInterface
public interface AuditedWrite {
  void write(Connection c) throws SQLException;

  /** Runs {@code writes} in their order on {@code c}; the first that throws stops the rest. */
  static void writeAll(Connection c, List<AuditedWrite> writes) throws SQLException {
    for (AuditedWrite w : writes) {
      w.write(c);
    }
  }
}

package org.liaison.node.audit;

import jakarta.persistence.EntityManager;
import org.hibernate.Session;
import org.hibernate.jdbc.Work;

/**
 * A database write that belongs to an answer's audit record (a quota count, a disclosure ledger
 * row): {@link AuditLog#appendAll(java.util.List, java.util.List)} runs it in the transaction that
 * commits the answer's entries, so it is durable exactly when they are and costs no commit of its
 * own. If it throws, the whole batch fails and nothing leaves (decision 0018).
 */
@FunctionalInterface
public interface AuditedWrite {
  void write(EntityManager em);

  /**
   * A write by plain JDBC statements on the transaction's own connection: for the rows an answer
   * writes on every request (quota counts, ledger rows), where a Hibernate native query costs more
   * than the statement itself (its query plan, parameter bindings and flush checks; decision 0059).
   */
  static AuditedWrite jdbc(Work work) {
    return em -> em.unwrap(Session.class).doWork(work);
  }
}

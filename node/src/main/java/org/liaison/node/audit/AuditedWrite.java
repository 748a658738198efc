package org.liaison.node.audit;

import jakarta.persistence.EntityManager;

/**
 * A database write that belongs to an answer's audit record (a quota count, a disclosure ledger
 * row): {@link AuditLog#appendAll(java.util.List, java.util.List)} runs it in the transaction that
 * commits the answer's entries, so it is durable exactly when they are and costs no commit of its
 * own. If it throws, the whole batch fails and nothing leaves (decision 0018).
 */
@FunctionalInterface
public interface AuditedWrite {
  void write(EntityManager em);
}

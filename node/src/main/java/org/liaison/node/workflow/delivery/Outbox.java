package org.liaison.node.workflow.delivery;

import com.google.protobuf.Message;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.liaison.node.retry.RetryPolicy;
import org.liaison.node.workflow.Workflow;

/**
 * Messages to partners, written in the same transaction as the step they carry, so that a step
 * taken is a message that will be delivered, whatever restarts in between.
 */
@ApplicationScoped
public class Outbox {
  @Inject EntityManager em;

  @Transactional(Transactional.TxType.MANDATORY)
  public OutboxEntry enqueue(Workflow w, String messageId, String officer, Message payload) {
    OutboxEntry e = new OutboxEntry();
    e.messageId = messageId;
    e.workflowId = w.workflowId;
    e.scope = w.scope.asHeader();
    e.officerId = officer == null || officer.isBlank() ? "node" : officer;
    e.contentType = payload.getDescriptorForType().getFullName();
    e.payloadB64 = WorkflowMessages.encode(payload);
    e.createdAt = Instant.now();
    e.nextAttemptAt = e.createdAt;
    em.persist(e);
    return e;
  }

  /** The latest message of a workflow from this node, if any. */
  @Transactional
  public Optional<OutboxEntry> latest(String workflowId) {
    List<OutboxEntry> l =
        em.createQuery("from OutboxEntry where workflowId = :w order by id desc", OutboxEntry.class)
            .setParameter("w", workflowId)
            .setMaxResults(1)
            .getResultList();
    return l.stream().findFirst();
  }

  /** Ids of messages due for an attempt now, oldest first. */
  @Transactional
  public List<Long> due(Instant now, int limit) {
    return em.createQuery(
            "select e.id from OutboxEntry e where e.deliveredAt is null and e.failedAt is null"
                + " and e.nextAttemptAt <= :now order by e.nextAttemptAt, e.id",
            Long.class)
        .setParameter("now", now)
        .setMaxResults(limit)
        .getResultList();
  }

  /** How many messages wait for delivery. */
  @Transactional
  public long pending() {
    return em.createQuery(
            "select count(e) from OutboxEntry e where e.deliveredAt is null and e.failedAt is null",
            Long.class)
        .getSingleResult();
  }

  @Transactional
  public OutboxEntry find(long id) {
    OutboxEntry e = em.find(OutboxEntry.class, id);
    if (e != null) {
      em.detach(e);
    }
    return e;
  }

  /** Counts a failed attempt and sets when to try again. */
  @Transactional
  public OutboxEntry retryLater(long id, String why, RetryPolicy policy) {
    OutboxEntry e = em.find(OutboxEntry.class, id);
    e.attempts++;
    e.nextAttemptAt = Instant.now().plus(policy.after(e.attempts));
    e.lastError = why == null || why.length() <= 2000 ? why : why.substring(0, 2000);
    return e;
  }
}

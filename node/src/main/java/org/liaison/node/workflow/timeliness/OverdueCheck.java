package org.liaison.node.workflow.timeliness;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import org.liaison.node.workflow.Step;
import org.liaison.node.workflow.Workflow;
import org.liaison.node.workflow.WorkflowJournal;
import org.liaison.wire.v1.WorkflowState;

/**
 * Flags open workflows past their service-level deadline. Both nodes hold the deadline (the
 * requester sends it with the request), so each side flags its own copy: the requester sees that
 * the partner is late, the responder that it is.
 */
@ApplicationScoped
public class OverdueCheck {
  @Inject EntityManager em;
  @Inject WorkflowJournal journal;

  /** Flags every open workflow due before {@code now} and not flagged yet; returns how many. */
  @Transactional
  public int flag(Instant now) {
    List<Workflow> late =
        em.createQuery(
                "from Workflow w where w.state in :open and w.dueAt is not null and w.dueAt < :now"
                    + " and w.overdueAt is null",
                Workflow.class)
            .setParameter(
                "open", List.of(WorkflowState.PENDING_DELIVERY, WorkflowState.AWAITING_ANSWER))
            .setParameter("now", now)
            .getResultList();
    for (Workflow w : late) {
      w.overdueAt = now;
      journal.record(
          w,
          new Step(
              Step.OVERDUE,
              now,
              null,
              "node",
              (w.awaitingUs() ? "this agency's answer" : w.scope.partnerAgency() + "'s answer")
                  + " was due at "
                  + w.dueAt
                  + " under "
                  + w.scope.agreementId()));
    }
    return late.size();
  }
}

package org.liaison.node.workflow;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;
import org.liaison.node.audit.AuditEvent;
import org.liaison.node.audit.AuditLog;
import org.liaison.wire.v1.AuditKind;
import org.liaison.wire.v1.WorkflowKind;
import org.liaison.wire.v1.WorkflowSide;

/**
 * The one place where workflow steps are written: every step of every workflow goes through {@link
 * #record}, inside the transaction that changes the workflow's state, so a step and its state
 * change commit together. Each step is also an entry of the tamper-evident audit log (kind
 * WORKFLOW, or ORIGINATOR_CONSENT for consent), written before the step's transaction commits: if
 * the audit cannot be written, the step fails and nothing is sent.
 *
 * <p>Each step also feeds the Micrometer timer {@code liaison.workflow.step}, the time since the
 * workflow's previous step, tagged by kind, side, partner and step.
 */
@ApplicationScoped
public class WorkflowJournal {
  private static final Logger LOG = Logger.getLogger(WorkflowJournal.class);
  public static final String TIMER = "liaison.workflow.step";

  @Inject EntityManager em;
  @Inject MeterRegistry meters;
  @Inject AuditLog audit;

  @Transactional(Transactional.TxType.MANDATORY)
  public void record(Workflow w, Step step) {
    StepEntry previous = Timings.timed(step.name()) ? lastTimedStep(w.workflowId) : null;
    StepEntry e = new StepEntry();
    e.workflowId = w.workflowId;
    e.step = step.name();
    e.at = step.at();
    e.partnerAt = step.partnerAt();
    e.actor = step.actor() == null ? "node" : step.actor();
    e.detail = clip(step.detail());
    em.persist(e);
    audit.append(auditEvent(w, step, e));
    // the detail is often a partner's free text (a justification, a reason): not at INFO
    LOG.infof(
        "workflow %s %s %s with %s: %s",
        w.kind, w.side, w.workflowId, w.scope.partnerAgency(), step.name());
    LOG.debugf("workflow %s step %s by %s: %s", w.workflowId, step.name(), e.actor, e.detail);
    if (previous != null) {
      timer(w, step.name()).record(Duration.between(previous.at, step.at()));
    }
  }

  /** Every step of a workflow, oldest first. */
  @Transactional
  public List<StepEntry> steps(String workflowId) {
    return em.createQuery("from StepEntry where workflowId = :w order by at, id", StepEntry.class)
        .setParameter("w", workflowId)
        .getResultList();
  }

  private StepEntry lastTimedStep(String workflowId) {
    List<StepEntry> last =
        em.createQuery(
                "from StepEntry where workflowId = :w and step <> :overdue order by at desc, id desc",
                StepEntry.class)
            .setParameter("w", workflowId)
            .setParameter("overdue", Step.OVERDUE)
            .setMaxResults(1)
            .getResultList();
    return last.isEmpty() ? null : last.get(0);
  }

  private Timer timer(Workflow w, String step) {
    return Timer.builder(TIMER)
        .description("Time a workflow took to reach a step from the step before it")
        .tag("kind", w.kind.name())
        .tag("side", w.side.name())
        .tag("partner", w.scope.partnerAgency())
        .tag("step", step)
        .publishPercentiles(0.5, 0.9)
        .register(meters);
  }

  private static AuditEvent auditEvent(Workflow w, Step step, StepEntry e) {
    boolean weAsked = w.side == WorkflowSide.REQUESTER;
    AuditEvent.Builder b =
        AuditEvent.builder(
                w.kind == WorkflowKind.CONSENT ? AuditKind.ORIGINATOR_CONSENT : AuditKind.WORKFLOW)
            .exchange(weAsked ? AuditEvent.Direction.OUT : AuditEvent.Direction.IN, w.scope)
            .officer(e.actor)
            .messageId(w.workflowId)
            .contentType(w.kind.name())
            .outcome(step.name())
            .detail(e.detail);
    if (w.recordRef != null) {
      b.datum(AuditEvent.Datum.records(w.recordRef));
    }
    return b.build();
  }

  private static String clip(String s) {
    return s == null || s.length() <= 2000 ? s : s.substring(0, 2000);
  }
}

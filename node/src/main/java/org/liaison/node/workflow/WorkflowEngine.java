package org.liaison.node.workflow;

import com.google.protobuf.Message;
import io.grpc.Status;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.liaison.agreements.Agreement;
import org.liaison.node.federation.ExchangeScope;
import org.liaison.node.federation.InboundRequest;
import org.liaison.node.workflow.delivery.InboxEntry;
import org.liaison.node.workflow.delivery.Outbox;
import org.liaison.node.workflow.delivery.OutboxEntry;
import org.liaison.node.workflow.delivery.WorkflowMessages;
import org.liaison.wire.v1.Reason;
import org.liaison.wire.v1.Refusal;
import org.liaison.wire.v1.WorkflowAck;
import org.liaison.wire.v1.WorkflowDecision;
import org.liaison.wire.v1.WorkflowKind;
import org.liaison.wire.v1.WorkflowSide;
import org.liaison.wire.v1.WorkflowState;
import org.liaison.wire.v1.WorkflowStep;

/**
 * The workflow machinery every capability shares: start a workflow, receive a partner's message
 * once, answer, and take note of deliveries. Each method is one transaction in which the state
 * change, its journal step and the outgoing message (outbox) commit together.
 */
@ApplicationScoped
public class WorkflowEngine {
  @Inject EntityManager em;
  @Inject WorkflowJournal journal;
  @Inject Outbox outbox;

  /** What a new workflow is about. */
  public record Opening(
      WorkflowKind kind,
      ExchangeScope scope,
      String recordRef,
      String thirdAgency,
      String officer,
      String detail) {}

  /** A fresh step header: new message id, now. */
  public static WorkflowStep step(String workflowId, String officer) {
    return WorkflowStep.newBuilder()
        .setWorkflowId(workflowId)
        .setMessageId(UUID.randomUUID().toString())
        .setAtEpochMs(System.currentTimeMillis())
        .setOfficer(officer == null ? "" : officer)
        .build();
  }

  public static String newWorkflowId() {
    return UUID.randomUUID().toString();
  }

  /** The first step of a workflow this agency starts: a new workflow id, by the officer, now. */
  private static WorkflowStep firstStep(String officer) {
    return step(newWorkflowId(), officer);
  }

  /**
   * Starts a workflow this agency asks: its first step by the opening's officer, now; the answer
   * due when {@code dueUnder}'s service levels say, counted from that step (none when {@code
   * dueUnder} is null: feedback expects no answer); {@code request} made with that due time, and
   * {@code wire} the kind's message carrying the step and the request.
   */
  @Transactional
  public <R extends Message> Workflow start(
      Opening o,
      Agreement dueUnder,
      Function<Instant, R> request,
      BiFunction<WorkflowStep, R, Message> wire) {
    WorkflowStep step = firstStep(o.officer());
    Instant due = dueUnder == null ? null : AgreementChoice.dueAt(dueUnder, step);
    R made = request.apply(due);
    return start(o, due, step, made, wire.apply(step, made));
  }

  /** Starts a workflow this agency asks: recorded, and its first message queued for the partner. */
  @Transactional
  public Workflow start(
      Opening o, Instant dueAt, WorkflowStep step, Message request, Message wire) {
    Workflow w = new Workflow();
    w.workflowId = step.getWorkflowId();
    w.kind = o.kind();
    w.side = WorkflowSide.REQUESTER;
    w.state = WorkflowState.PENDING_DELIVERY;
    w.scope = o.scope();
    w.recordRef = o.recordRef();
    w.thirdAgency = o.thirdAgency();
    w.officer = o.officer();
    w.createdAt = Instant.ofEpochMilli(step.getAtEpochMs());
    w.dueAt = dueAt;
    w.requestB64 = WorkflowMessages.encode(request);
    em.persist(w);
    journal.record(w, new Step(Step.REQUESTED, w.createdAt, null, o.officer(), o.detail()));
    outbox.enqueue(w, step.getMessageId(), o.officer(), wire);
    return w;
  }

  /**
   * Applies a partner's message once. A message id seen before is acknowledged as a duplicate and
   * changes nothing; a {@link WorkflowException} from {@code apply} rolls everything back.
   */
  @Transactional
  public WorkflowAck receive(InboundRequest r, WorkflowStep step, Runnable apply) {
    if (step.getMessageId().isBlank() || step.getWorkflowId().isBlank()) {
      throw WorkflowException.invalid("a workflow message needs a workflow id and a message id");
    }
    WorkflowAck.Builder ack =
        WorkflowAck.newBuilder()
            .setMessageId(step.getMessageId())
            .setReceivedEpochMs(System.currentTimeMillis());
    InboxEntry seen = em.find(InboxEntry.class, step.getMessageId());
    if (seen != null) {
      if (!seen.senderAgency.equals(r.senderAgency())) {
        throw WorkflowException.invalid("message id " + step.getMessageId() + " is already taken");
      }
      return ack.setDuplicate(true).setReceivedEpochMs(seen.receivedAt.toEpochMilli()).build();
    }
    apply.run();
    InboxEntry e = new InboxEntry();
    e.messageId = step.getMessageId();
    e.workflowId = step.getWorkflowId();
    e.senderAgency = r.senderAgency();
    e.receivedAt = Instant.ofEpochMilli(ack.getReceivedEpochMs());
    em.persist(e);
    return ack.build();
  }

  /** A partner's new request arrived: this node's copy, awaiting this agency's answer. */
  @Transactional(Transactional.TxType.MANDATORY)
  public Workflow arrive(
      InboundRequest r,
      WorkflowStep step,
      WorkflowKind kind,
      String recordRef,
      String thirdAgency,
      Instant dueAt,
      Message request,
      String detail) {
    if (find(step.getWorkflowId()).isPresent()) {
      throw new WorkflowException(
          Status.Code.ALREADY_EXISTS,
          Reason.INVALID_ARGUMENT,
          "workflow " + step.getWorkflowId() + " exists here already");
    }
    Workflow w = new Workflow();
    w.workflowId = step.getWorkflowId();
    w.kind = kind;
    w.side = WorkflowSide.RESPONDER;
    w.state = Transitions.arrived(kind);
    w.scope = r.scope();
    w.recordRef = recordRef;
    w.thirdAgency = thirdAgency;
    w.officer = step.getOfficer();
    w.createdAt = Instant.now();
    w.dueAt = dueAt;
    w.requestB64 = WorkflowMessages.encode(request);
    em.persist(w);
    journal.record(w, Step.byPartner(Step.RECEIVED, w.createdAt, r, step, detail));
    return w;
  }

  /** This agency answers: the state changes and the answer is queued for the partner. */
  @Transactional
  public Workflow answer(
      String workflowId,
      WorkflowDecision decision,
      Message answer,
      String officer,
      String detail,
      Function<WorkflowStep, Message> wire) {
    Workflow w = require(workflowId);
    WorkflowState next = Transitions.answer(w, decision);
    WorkflowStep step = step(workflowId, officer);
    w.state = next;
    w.answeredAt = Instant.ofEpochMilli(step.getAtEpochMs());
    w.answerB64 = WorkflowMessages.encode(answer);
    journal.record(w, new Step(next.name(), w.answeredAt, null, officer, detail));
    outbox.enqueue(w, step.getMessageId(), officer, wire.apply(step));
    return w;
  }

  /** The partner's answer to a workflow this agency started arrived. */
  @Transactional(Transactional.TxType.MANDATORY)
  public Workflow answerArrived(
      InboundRequest r,
      WorkflowStep step,
      WorkflowDecision decision,
      Message answer,
      String detail) {
    Workflow w =
        find(step.getWorkflowId())
            .filter(
                x ->
                    x.side == WorkflowSide.REQUESTER
                        && x.scope.partnerAgency().equals(r.senderAgency()))
            .orElseThrow(
                () ->
                    WorkflowException.notFound(
                        r.senderAgency()
                            + " answered workflow "
                            + step.getWorkflowId()
                            + ", which this agency did not ask it"));
    w.state = Transitions.answerReceived(w, decision);
    w.answeredAt = Instant.now();
    w.answerB64 = WorkflowMessages.encode(answer);
    journal.record(w, Step.byPartner(w.state.name(), w.answeredAt, r, step, detail));
    return w;
  }

  /** The partner acknowledged a message from the outbox. */
  @Transactional
  public void delivered(long outboxId, WorkflowAck ack) {
    OutboxEntry e = em.find(OutboxEntry.class, outboxId);
    if (e.deliveredAt != null) {
      return;
    }
    e.deliveredAt = Instant.now();
    e.attempts++;
    Workflow w = require(e.workflowId);
    boolean answer = w.side == WorkflowSide.RESPONDER;
    if (!answer) {
      w.state = Transitions.delivered(w);
    }
    journal.record(
        w,
        new Step(
            answer ? Step.ANSWER_DELIVERED : Step.DELIVERED,
            e.deliveredAt,
            Instant.ofEpochMilli(ack.getReceivedEpochMs()),
            w.scope.partnerAgency(),
            (ack.getDuplicate() ? "acknowledged (duplicate delivery)" : "acknowledged")
                + " after "
                + e.attempts
                + " attempt"
                + (e.attempts == 1 ? "" : "s")));
  }

  /** The partner refused a message; retrying will not help. */
  @Transactional
  public void undeliverable(long outboxId, Refusal refusal) {
    OutboxEntry e = em.find(OutboxEntry.class, outboxId);
    e.failedAt = Instant.now();
    e.attempts++;
    e.lastError = refusal.getReason() + ": " + refusal.getMessage();
    Workflow w = require(e.workflowId);
    if (w.side == WorkflowSide.REQUESTER && w.open()) {
      w.state = WorkflowState.UNDELIVERABLE;
    }
    journal.record(
        w, new Step(Step.UNDELIVERABLE, e.failedAt, null, w.scope.partnerAgency(), e.lastError));
  }

  @Transactional
  public Optional<Workflow> find(String workflowId) {
    return em.createQuery("from Workflow where workflowId = :w", Workflow.class)
        .setParameter("w", workflowId)
        .getResultStream()
        .findFirst();
  }

  @Transactional
  public Workflow require(String workflowId) {
    return find(workflowId)
        .orElseThrow(
            () -> WorkflowException.notFound("no workflow " + workflowId + " on this node"));
  }

  /** Workflows, newest first; null filters match everything. */
  @Transactional
  public List<Workflow> list(WorkflowKind kind, String partner, boolean awaitingUs) {
    StringBuilder q = new StringBuilder("from Workflow w where 1 = 1");
    if (kind != null) q.append(" and w.kind = :kind");
    if (partner != null) q.append(" and w.scope.partnerAgency = :partner");
    if (awaitingUs) q.append(" and w.side = :side and w.state = :state");
    q.append(" order by w.createdAt desc, w.id desc");
    var query = em.createQuery(q.toString(), Workflow.class);
    if (kind != null) query.setParameter("kind", kind);
    if (partner != null) query.setParameter("partner", partner);
    if (awaitingUs) {
      query.setParameter("side", WorkflowSide.RESPONDER);
      query.setParameter("state", WorkflowState.AWAITING_ANSWER);
    }
    return query.getResultList();
  }
}

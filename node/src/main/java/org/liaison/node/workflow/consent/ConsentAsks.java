package org.liaison.node.workflow.consent;

import io.grpc.Status;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;
import org.liaison.node.config.NodeConfig;
import org.liaison.node.federation.InboundRequest;
import org.liaison.node.workflow.InboundScope;
import org.liaison.node.workflow.RecordLookup;
import org.liaison.node.workflow.RecordLookup.HeldRecord;
import org.liaison.node.workflow.Workflow;
import org.liaison.node.workflow.WorkflowEngine;
import org.liaison.node.workflow.WorkflowException;
import org.liaison.node.workflow.WorkflowTimers;
import org.liaison.node.workflow.delivery.WorkflowMessages;
import org.liaison.wire.v1.ConsentAnswer;
import org.liaison.wire.v1.ConsentAsk;
import org.liaison.wire.v1.ConsentDraft;
import org.liaison.wire.v1.ConsentMessage;
import org.liaison.wire.v1.Reason;
import org.liaison.wire.v1.WorkflowDecision;
import org.liaison.wire.v1.WorkflowKind;
import org.liaison.wire.v1.WorkflowSide;
import org.liaison.wire.v1.WorkflowState;

/**
 * The holder's side of a consent asked by the agency a record was withheld from: the ask is checked
 * against what this node withholds (a record held here, from another agency, that needs that
 * agency's consent to reach the asker), lands in the inbox, and is passed on to the originator as
 * this agency's own consent request (the one the workflows already have); the originator's answer
 * then answers the ask. A consent granted or refused before answers it at once.
 */
@ApplicationScoped
public class ConsentAsks {
  static final String ACTOR = "node";

  @Inject NodeConfig config;
  @Inject RecordLookup records;
  @Inject ConsentNeed need;
  @Inject GrantedConsents consents;
  @Inject ConsentService service;
  @Inject WorkflowEngine engine;
  @Inject InboundScope scope;
  @Inject WorkflowTimers timers;
  @Inject TransactionSynchronizationRegistry transaction;

  @Transactional(Transactional.TxType.MANDATORY)
  public void arrived(InboundRequest r, ConsentMessage m) {
    ConsentAsk ask = m.getAsk();
    String asker = r.senderAgency();
    HeldRecord record =
        records
            .find(ask.getRecordId(), false)
            .filter(h -> need.needed(h, asker))
            .orElseThrow(() -> notWithheld(ask.getRecordId(), asker));
    Workflow w =
        engine.arrive(
            r,
            m.getStep(),
            WorkflowKind.CONSENT,
            ask.getRecordId(),
            asker,
            scope.dueAt(r, Instant.now()),
            ask,
            asker
                + " asks for "
                + record.originator()
                + "'s consent to receive "
                + record.category()
                + " record "
                + ask.getRecordId());
    Optional<Workflow> asked = consents.latestAsked(ask.getRecordId(), asker);
    WorkflowState state = asked.map(x -> x.state).orElse(WorkflowState.UNDELIVERABLE);
    switch (state) {
      case GRANTED -> answer(w, grantOf(asked.get()));
      case REFUSED -> answer(w, refusalOf(asked.get()));
      case PENDING_DELIVERY, AWAITING_ANSWER -> {} // the originator's answer will answer it
      default ->
          service.request(
              ConsentDraft.newBuilder()
                  .setRecordId(ask.getRecordId())
                  .setForAgency(asker)
                  .setJustification(
                      asker
                          + " asks"
                          + (ask.getJustification().isBlank() ? "" : ": " + ask.getJustification()))
                  .build(),
              ACTOR);
    }
    kickAfterCommit();
  }

  /** The originator answered this agency's consent request: every ask waiting on it is answered. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void originatorAnswered(Workflow request, ConsentAnswer answer) {
    if (request.thirdAgency == null || request.thirdAgency.equals(config.agency())) {
      return; // our own ask, answered by the holder
    }
    ConsentAnswer passed =
        answer.getDecision() == WorkflowDecision.REFUSE
            ? answer.toBuilder()
                .setReason(
                    request.scope.partnerAgency()
                        + ", the originator, refused: "
                        + answer.getReason())
                .build()
            : answer;
    for (Workflow ask : consents.asksAwaiting(request.recordRef, request.thirdAgency)) {
      answer(ask, passed);
    }
    kickAfterCommit();
  }

  /**
   * True for an ask this node holds (the holder's copy): only the originator's answer grants it.
   */
  public static boolean isAsk(Workflow w) {
    return w.kind == WorkflowKind.CONSENT
        && w.side == WorkflowSide.RESPONDER
        && w.scope.partnerAgency().equals(w.thirdAgency);
  }

  private void answer(Workflow ask, ConsentAnswer answer) {
    engine.answer(
        ask.workflowId,
        answer.getDecision(),
        answer,
        ACTOR,
        answer.getDecision() == WorkflowDecision.GRANT
            ? (answer.getConditions().isBlank()
                ? "granted by the originator"
                : "granted by the originator, conditions: " + answer.getConditions())
            : answer.getReason(),
        step -> ConsentMessage.newBuilder().setStep(step).setAnswer(answer).build());
  }

  private static ConsentAnswer grantOf(Workflow granted) {
    return ConsentAnswer.newBuilder()
        .setDecision(WorkflowDecision.GRANT)
        .setConditions(storedAnswer(granted).getConditions())
        .build();
  }

  private static ConsentAnswer refusalOf(Workflow refused) {
    return ConsentAnswer.newBuilder()
        .setDecision(WorkflowDecision.REFUSE)
        .setReason(
            refused.scope.partnerAgency()
                + ", the originator, refused already: "
                + storedAnswer(refused).getReason())
        .build();
  }

  private static ConsentAnswer storedAnswer(Workflow w) {
    return w.answerB64 == null
        ? ConsentAnswer.getDefaultInstance()
        : WorkflowMessages.decode(ConsentAnswer.parser(), w.answerB64);
  }

  private WorkflowException notWithheld(String recordId, String asker) {
    // one sentence whether the record is unknown, this agency's own, or free to go: no oracle
    return new WorkflowException(
        Status.Code.FAILED_PRECONDITION,
        Reason.NOT_WITHHELD_FOR_CONSENT,
        config.agency()
            + " withholds no record "
            + recordId
            + " from "
            + asker
            + " for lack of its originator's consent; ask again with the record id a withheld"
            + " answer named");
  }

  private void kickAfterCommit() {
    transaction.registerInterposedSynchronization(
        new Synchronization() {
          @Override
          public void beforeCompletion() {}

          @Override
          public void afterCompletion(int status) {
            if (status == jakarta.transaction.Status.STATUS_COMMITTED) {
              timers.kick();
            }
          }
        });
  }
}

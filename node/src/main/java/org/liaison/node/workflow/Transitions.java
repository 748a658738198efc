package org.liaison.node.workflow;

import java.util.Map;
import org.liaison.wire.v1.WorkflowDecision;
import org.liaison.wire.v1.WorkflowKind;
import org.liaison.wire.v1.WorkflowSide;
import org.liaison.wire.v1.WorkflowState;

/**
 * The workflow state machine, a pure function. A requester's item goes PENDING_DELIVERY, then
 * AWAITING_ANSWER once the partner acknowledged it, then to the answer's state; a responder's item
 * is AWAITING_ANSWER from its arrival until this agency answers. Feedback has no answer: it is
 * RECEIVED once acknowledged. An answer is accepted once; every answer state is final.
 */
public final class Transitions {
  /** A request for information and a designation request are answered alike. */
  private static final Map<WorkflowDecision, WorkflowState> APPROVALS =
      Map.of(
          WorkflowDecision.APPROVE, WorkflowState.APPROVED,
          WorkflowDecision.APPROVE_IN_PART, WorkflowState.APPROVED_IN_PART,
          WorkflowDecision.DECLINE, WorkflowState.DECLINED);

  private static final Map<WorkflowKind, Map<WorkflowDecision, WorkflowState>> ANSWERS =
      Map.of(
          WorkflowKind.INFORMATION_REQUEST,
          APPROVALS,
          WorkflowKind.CONSENT,
          Map.of(
              WorkflowDecision.GRANT, WorkflowState.GRANTED,
              WorkflowDecision.REFUSE, WorkflowState.REFUSED),
          WorkflowKind.DESIGNATION,
          APPROVALS,
          WorkflowKind.FEEDBACK,
          Map.of());

  private Transitions() {}

  /** The state after this agency answers an item with {@code decision}. */
  public static WorkflowState answer(Workflow w, WorkflowDecision decision) {
    if (w.side != WorkflowSide.RESPONDER) {
      throw WorkflowException.notAwaitingAnswer(
          "workflow "
              + w.workflowId
              + " was started by this agency; "
              + w.scope.partnerAgency()
              + " answers it");
    }
    if (w.state != WorkflowState.AWAITING_ANSWER) {
      throw WorkflowException.notAwaitingAnswer(
          "workflow "
              + w.workflowId
              + " is "
              + w.state
              + ", not awaiting an answer; nothing was changed");
    }
    return stateAfter(
        w,
        decision,
        "a "
            + w.kind
            + " is answered with one of "
            + ANSWERS.get(w.kind).keySet()
            + ", not "
            + decision);
  }

  /** The state of a requester's item once the partner's answer {@code decision} arrives. */
  public static WorkflowState answerReceived(Workflow w, WorkflowDecision decision) {
    if (w.side != WorkflowSide.REQUESTER || !w.open()) {
      throw WorkflowException.notAwaitingAnswer(
          "workflow "
              + w.workflowId
              + " is "
              + w.side
              + " "
              + w.state
              + " here and takes no answer");
    }
    return stateAfter(w, decision, "a " + w.kind + " cannot be answered with " + decision);
  }

  /**
   * The state an answer with {@code decision} leads the workflow to, on either side; a decision its
   * kind is not answered with is refused with {@code refused}.
   */
  private static WorkflowState stateAfter(Workflow w, WorkflowDecision decision, String refused) {
    WorkflowState next = ANSWERS.get(w.kind).get(decision);
    if (next == null) {
      throw WorkflowException.invalid(refused);
    }
    return next;
  }

  /** The state of a requester's item once the partner acknowledged the request. */
  public static WorkflowState delivered(Workflow w) {
    if (w.state != WorkflowState.PENDING_DELIVERY) {
      return w.state; // the answer may have arrived before the acknowledgement was processed
    }
    return arrived(w.kind);
  }

  /** The state of a responder's item on arrival (a requester's, once delivered). */
  public static WorkflowState arrived(WorkflowKind kind) {
    return kind == WorkflowKind.FEEDBACK ? WorkflowState.RECEIVED : WorkflowState.AWAITING_ANSWER;
  }
}

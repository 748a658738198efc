package org.liaison.node.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.liaison.node.federation.ExchangeScope;
import org.liaison.node.retry.RetryPolicy;
import org.liaison.node.workflow.timeliness.Percentiles;
import org.liaison.wire.v1.Reason;
import org.liaison.wire.v1.WorkflowDecision;
import org.liaison.wire.v1.WorkflowKind;
import org.liaison.wire.v1.WorkflowSide;
import org.liaison.wire.v1.WorkflowState;

class PureRulesTest {

  @Test
  void percentiles_nearestRank() {
    long[] v = {9, 1, 8, 2, 7, 3, 6, 4, 5, 10};
    assertThat(Percentiles.of(v, 50)).isEqualTo(5);
    assertThat(Percentiles.of(v, 90)).isEqualTo(9);
    assertThat(Percentiles.of(v, 100)).isEqualTo(10);
    assertThat(Percentiles.of(new long[] {42}, 90)).isEqualTo(42);
    assertThat(Percentiles.of(new long[] {1, 2}, 50)).isEqualTo(1);
    assertThatThrownBy(() -> Percentiles.of(new long[0], 50))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no values");
  }

  @Test
  void dueTimes_zeroOnTheWireIsNoDueTime() {
    Instant due = Instant.parse("2026-12-06T15:00:00.123Z");
    assertThat(DueTimes.toWire(due)).isEqualTo(due.toEpochMilli());
    assertThat(DueTimes.fromWire(due.toEpochMilli())).isEqualTo(due);
    assertThat(DueTimes.toWire(null)).isZero();
    assertThat(DueTimes.fromWire(0)).isNull();
  }

  @Test
  void retryPolicy_doublesUpToTheCap_andGivesUpOnlyWhenItHasALimit() {
    RetryPolicy b = RetryPolicy.untilAcknowledged(Duration.ofMillis(500), Duration.ofSeconds(5));
    assertThat(b.after(1)).isEqualTo(Duration.ofMillis(500));
    assertThat(b.after(2)).isEqualTo(Duration.ofMillis(1000));
    assertThat(b.after(4)).isEqualTo(Duration.ofMillis(4000));
    assertThat(b.after(5)).isEqualTo(Duration.ofSeconds(5));
    assertThat(b.after(500)).isEqualTo(Duration.ofSeconds(5));
    assertThat(b.givesUp(Integer.MAX_VALUE)).isFalse();
    RetryPolicy limited = new RetryPolicy(Duration.ofSeconds(5), Duration.ofHours(1), 3);
    assertThat(limited.after(11)).isEqualTo(Duration.ofHours(1));
    assertThat(limited.givesUp(2)).isFalse();
    assertThat(limited.givesUp(3)).isTrue();
  }

  @Test
  void transitions_answerOnlyWhenAwaitingAndWithTheKindsDecisions() {
    Workflow w =
        item(
            WorkflowKind.INFORMATION_REQUEST,
            WorkflowSide.RESPONDER,
            WorkflowState.AWAITING_ANSWER);
    assertThat(Transitions.answer(w, WorkflowDecision.APPROVE_IN_PART))
        .isEqualTo(WorkflowState.APPROVED_IN_PART);
    assertThatThrownBy(() -> Transitions.answer(w, WorkflowDecision.GRANT))
        .isInstanceOfSatisfying(
            WorkflowException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_ARGUMENT))
        .hasMessageEndingWith(", not GRANT");

    Workflow consent =
        item(WorkflowKind.CONSENT, WorkflowSide.RESPONDER, WorkflowState.AWAITING_ANSWER);
    assertThat(Transitions.answer(consent, WorkflowDecision.REFUSE))
        .isEqualTo(WorkflowState.REFUSED);

    Workflow mine =
        item(WorkflowKind.CONSENT, WorkflowSide.REQUESTER, WorkflowState.AWAITING_ANSWER);
    assertThatThrownBy(() -> Transitions.answer(mine, WorkflowDecision.GRANT))
        .hasMessageContaining("answers it");

    Workflow feedback =
        item(WorkflowKind.FEEDBACK, WorkflowSide.REQUESTER, WorkflowState.PENDING_DELIVERY);
    assertThat(Transitions.delivered(feedback)).isEqualTo(WorkflowState.RECEIVED);

    // an answer may arrive before the acknowledgement of the request was processed
    Workflow early =
        item(WorkflowKind.DESIGNATION, WorkflowSide.REQUESTER, WorkflowState.PENDING_DELIVERY);
    assertThat(Transitions.answerReceived(early, WorkflowDecision.DECLINE))
        .isEqualTo(WorkflowState.DECLINED);
    early.state = WorkflowState.DECLINED;
    assertThat(Transitions.delivered(early)).isEqualTo(WorkflowState.DECLINED);
    assertThatThrownBy(() -> Transitions.answerReceived(early, WorkflowDecision.APPROVE))
        .isInstanceOfSatisfying(
            WorkflowException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.WORKFLOW_NOT_AWAITING_ANSWER))
        .hasMessageEndingWith("takes no answer");
  }

  @Test
  void transitions_aPartnersAnswerMustBeOneItsKindIsAnsweredWith() {
    Workflow asked =
        item(WorkflowKind.CONSENT, WorkflowSide.REQUESTER, WorkflowState.AWAITING_ANSWER);
    assertThat(Transitions.answerReceived(asked, WorkflowDecision.GRANT))
        .isEqualTo(WorkflowState.GRANTED);
    assertThatThrownBy(() -> Transitions.answerReceived(asked, WorkflowDecision.APPROVE))
        .isInstanceOfSatisfying(
            WorkflowException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_ARGUMENT))
        .hasMessage("a CONSENT cannot be answered with APPROVE");

    Workflow feedback =
        item(WorkflowKind.FEEDBACK, WorkflowSide.REQUESTER, WorkflowState.AWAITING_ANSWER);
    assertThatThrownBy(() -> Transitions.answerReceived(feedback, WorkflowDecision.APPROVE))
        .hasMessage("a FEEDBACK cannot be answered with APPROVE");
    assertThat(asked.state).isEqualTo(WorkflowState.AWAITING_ANSWER);
  }

  private static Workflow item(WorkflowKind kind, WorkflowSide side, WorkflowState state) {
    Workflow w = new Workflow();
    w.workflowId = "w-1";
    w.kind = kind;
    w.side = side;
    w.state = state;
    w.scope = new ExchangeScope("us.cbp", null, null, null);
    return w;
  }
}

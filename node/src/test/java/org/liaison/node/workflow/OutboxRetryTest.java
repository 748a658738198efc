package org.liaison.node.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.liaison.node.federation.ExchangeScope;
import org.liaison.node.workflow.delivery.OutboxDelivery;
import org.liaison.node.workflow.delivery.OutboxEntry;
import org.liaison.wire.v1.FeedbackMessage;
import org.liaison.wire.v1.FeedbackReport;
import org.liaison.wire.v1.ResultKind;
import org.liaison.wire.v1.WorkflowKind;
import org.liaison.wire.v1.WorkflowState;
import org.liaison.wire.v1.WorkflowStep;

/** With no gateway to reach (as in these tests), a message stays queued and is retried later. */
@QuarkusTest
@TestProfile(DeaNodeProfile.class)
class OutboxRetryTest {
  @Inject WorkflowEngine engine;
  @Inject OutboxDelivery delivery;
  @Inject EntityManager em;

  @Test
  void failedAttempt_keepsTheMessage_countsIt_andBacksOff() {
    String id = WorkflowEngine.newWorkflowId();
    WorkflowStep step = WorkflowEngine.step(id, "sa");
    FeedbackReport report =
        FeedbackReport.newBuilder().setResult(ResultKind.ARREST).setRecordId("r-1").build();
    engine.start(
        new WorkflowEngine.Opening(
            WorkflowKind.FEEDBACK,
            new ExchangeScope("us.nowhere", "test-agreement", "NARCOTICS", "C-1"),
            "r-1",
            null,
            "sa",
            "t"),
        null,
        step,
        report,
        FeedbackMessage.newBuilder().setStep(step).setReport(report).build());
    OutboxEntry before = entry(id);
    Instant attemptedAt = Instant.now();

    assertThat(delivery.attempt(before.id)).isFalse();
    OutboxEntry once = entry(id);
    assertThat(once.attempts).isEqualTo(1);
    assertThat(once.deliveredAt).isNull();
    assertThat(once.failedAt).isNull();
    assertThat(once.lastError).isNotBlank();
    assertThat(once.nextAttemptAt).isAfterOrEqualTo(attemptedAt.plusMillis(1000));

    delivery.attempt(before.id);
    OutboxEntry twice = entry(id);
    assertThat(twice.attempts).isEqualTo(2);
    // the wait doubles
    assertThat(twice.nextAttemptAt).isAfterOrEqualTo(attemptedAt.plusMillis(2000));
    assertThat(engine.require(id).state).isEqualTo(WorkflowState.PENDING_DELIVERY);
  }

  @Transactional
  OutboxEntry entry(String workflowId) {
    OutboxEntry e =
        em.createQuery("from OutboxEntry where workflowId = :w", OutboxEntry.class)
            .setParameter("w", workflowId)
            .getSingleResult();
    em.detach(e);
    return e;
  }
}

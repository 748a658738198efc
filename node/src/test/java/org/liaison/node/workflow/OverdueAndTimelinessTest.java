package org.liaison.node.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.liaison.node.federation.ExchangeScope;
import org.liaison.node.workflow.designation.DesignationHandler;
import org.liaison.node.workflow.timeliness.OverdueCheck;
import org.liaison.node.workflow.timeliness.TimelinessReporter;
import org.liaison.wire.v1.DesignationMessage;
import org.liaison.wire.v1.DesignationRequest;
import org.liaison.wire.v1.ServiceLevelBreach;
import org.liaison.wire.v1.StepTiming;
import org.liaison.wire.v1.TimelinessReport;
import org.liaison.wire.v1.WorkflowKind;
import org.liaison.wire.v1.WorkflowSide;
import org.liaison.wire.v1.WorkflowState;

@QuarkusTest
@TestProfile(DeaNodeProfile.class)
class OverdueAndTimelinessTest {
  @Inject DesignationHandler handler;
  @Inject OverdueCheck overdue;
  @Inject WorkflowEngine engine;
  @Inject WorkflowJournal journal;
  @Inject TimelinessReporter reporter;
  @Inject EntityManager em;

  @Test
  void openItemPastItsDeadline_isFlaggedOnce_andAnsweredOrFutureItemsAreNot() throws Exception {
    Instant base = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    String late = receiveDesignation("us.ice", base.minus(Duration.ofHours(1)));
    String notYet = receiveDesignation("us.ice", base.plus(Duration.ofHours(1)));
    // the database keeps microseconds; a later instant without sub-millisecond digits compares
    // exactly
    Instant now = Instant.now().plusMillis(5).truncatedTo(ChronoUnit.MILLIS);

    overdue.flag(now);

    assertThat(engine.require(late).overdueAt).isEqualTo(now);
    assertThat(engine.require(notYet).overdueAt).isNull();
    assertThat(journal.steps(late)).extracting(s -> s.step).containsExactly("RECEIVED", "OVERDUE");
    assertThat(journal.steps(late).get(1).detail).contains("this agency's answer was due");

    assertThat(overdue.flag(now.plusSeconds(1))).isZero();
    assertThat(journal.steps(late)).hasSize(2);

    overdue.flag(now.plus(Duration.ofHours(2)));
    assertThat(engine.require(notYet).overdueAt).isNotNull();

    List<ServiceLevelBreach> breaches =
        reporter.report("us.ice", now.plus(Duration.ofHours(2))).getBreachesList();
    assertThat(breaches)
        .extracting(ServiceLevelBreach::getWorkflowId)
        .containsExactlyInAnyOrder(late, notYet);
    assertThat(breaches)
        .filteredOn(b -> b.getWorkflowId().equals(late))
        .singleElement()
        .satisfies(
            b ->
                assertThat(b.getLateMs())
                    .isEqualTo(
                        Duration.between(
                                base.minus(Duration.ofHours(1)), now.plus(Duration.ofHours(2)))
                            .toMillis()));
  }

  @Test
  void timeliness_medianAndP90PerStep_fromTheJournal() {
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    // ten requests to one partner; delivery takes i seconds, the answer i minutes after that
    for (int i = 1; i <= 10; i++) {
      Instant delivered = t0.plusSeconds(i);
      Instant answered = delivered.plus(Duration.ofMinutes(i));
      storeAnswered("us.timely-b", t0, delivered, answered, i == 10 ? t0.plusSeconds(60) : null);
    }

    TimelinessReport report = reporter.report("us.timely-b", t0.plus(Duration.ofDays(1)));

    assertThat(step(report, "DELIVERED"))
        .satisfies(
            s -> {
              assertThat(s.getCount()).isEqualTo(10);
              assertThat(s.getMedianMs()).isEqualTo(5_000);
              assertThat(s.getP90Ms()).isEqualTo(9_000);
              assertThat(s.getAgreementId()).isEqualTo("test-agreement");
              assertThat(s.getKind()).isEqualTo(WorkflowKind.INFORMATION_REQUEST);
            });
    assertThat(step(report, "APPROVED"))
        .satisfies(
            s -> {
              assertThat(s.getMedianMs()).isEqualTo(Duration.ofMinutes(5).toMillis());
              assertThat(s.getP90Ms()).isEqualTo(Duration.ofMinutes(9).toMillis());
            });
    assertThat(step(report, TimelinessReporter.REQUEST_TO_ANSWER).getP90Ms())
        .isEqualTo(Duration.ofMinutes(9).plusSeconds(9).toMillis());
    // one answer came after its deadline
    assertThat(report.getBreachesList())
        .singleElement()
        .satisfies(
            b ->
                assertThat(b.getLateMs())
                    .isEqualTo(Duration.ofMinutes(10).plusSeconds(10 - 60).toMillis()));
  }

  private static StepTiming step(TimelinessReport r, String step) {
    return r.getStepsList().stream()
        .filter(s -> s.getStep().equals(step))
        .findFirst()
        .orElseThrow();
  }

  private String receiveDesignation(String partner, Instant due) throws Exception {
    String id = WorkflowEngine.newWorkflowId();
    handler.handle(
        Inbound.from(
            partner,
            "dea-ice-xdes-2009",
            "NARCOTICS",
            DesignationMessage.newBuilder()
                .setStep(WorkflowEngine.step(id, "sa"))
                .setRequest(
                    DesignationRequest.newBuilder()
                        .addAgents("SA One")
                        .setDueEpochMs(due.toEpochMilli()))
                .build()));
    return id;
  }

  @Transactional
  void storeAnswered(
      String partner, Instant created, Instant delivered, Instant answered, Instant due) {
    Workflow w = new Workflow();
    w.workflowId = WorkflowEngine.newWorkflowId();
    w.kind = WorkflowKind.INFORMATION_REQUEST;
    w.side = WorkflowSide.REQUESTER;
    w.state = WorkflowState.APPROVED;
    w.scope = new ExchangeScope(partner, "test-agreement", "NARCOTICS", null);
    w.createdAt = created;
    w.answeredAt = answered;
    w.dueAt = due;
    w.requestB64 = "";
    em.persist(w);
    journal.record(w, new Step(Step.REQUESTED, created, null, "sa", null));
    journal.record(w, new Step(Step.DELIVERED, delivered, null, partner, null));
    journal.record(w, new Step("APPROVED", answered, null, partner, null));
  }
}

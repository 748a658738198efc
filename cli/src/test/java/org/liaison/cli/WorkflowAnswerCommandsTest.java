package org.liaison.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liaison.wire.v1.WorkflowAnswer;
import org.liaison.wire.v1.WorkflowDecision;
import org.liaison.wire.v1.WorkflowItem;
import org.liaison.wire.v1.WorkflowState;
import org.liaison.wire.v1.WorkflowsGrpc;

/**
 * The answers to a partner's request, consent request and designation request ({@code request
 * approve|decline}, {@code consent grant|refuse}, {@code designation approve|decline}) send the
 * decision the officer typed, and nothing else, to a node over real mutual TLS.
 */
class WorkflowAnswerCommandsTest {
  @TempDir Path dir;

  private final ScriptedWorkflows node = new ScriptedWorkflows();
  private OfficerServerFixture server;

  @BeforeEach
  void start() throws Exception {
    server = OfficerServerFixture.serving(dir, node);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private WorkflowAnswer answer(String... args) {
    int before = node.answers.size();
    CliRun run =
        CliRun.ofGroup(
            server.connectAs("us.ice"), args[0], Arrays.copyOfRange(args, 1, args.length));
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains(args[2]);
    assertThat(node.answers).hasSize(before + 1);
    return node.answers.get(before);
  }

  @Test
  void requestApprove_inFull_andInPart_withNoteAndConditions() {
    WorkflowAnswer full = answer("request", "approve", "w-1");
    assertThat(full)
        .isEqualTo(
            WorkflowAnswer.newBuilder()
                .setWorkflowId("w-1")
                .setDecision(WorkflowDecision.APPROVE)
                .setOfficerId("officer-1")
                .build());

    WorkflowAnswer part =
        answer(
            "request",
            "approve",
            "w-2",
            "--field",
            "passport_number",
            "--field",
            "kg",
            "--note",
            "the rest is sealed",
            "--conditions",
            "analysis only",
            "--officer-id",
            "sa-ruiz");
    assertThat(part)
        .isEqualTo(
            WorkflowAnswer.newBuilder()
                .setWorkflowId("w-2")
                .setDecision(WorkflowDecision.APPROVE_IN_PART)
                .setOfficerId("sa-ruiz")
                .setReason("the rest is sealed")
                .setConditions("analysis only")
                .addFields("passport_number")
                .addFields("kg")
                .build());
  }

  @Test
  void refusals_carryTheirReason() {
    assertThat(answer("request", "decline", "w-3", "--reason", "second thoughts"))
        .isEqualTo(refusal("w-3", WorkflowDecision.DECLINE, "second thoughts"));
    assertThat(answer("consent", "refuse", "w-4", "--reason", "source at risk"))
        .isEqualTo(refusal("w-4", WorkflowDecision.REFUSE, "source at risk"));
    assertThat(answer("designation", "decline", "w-5", "--reason", "no vacancy"))
        .isEqualTo(refusal("w-5", WorkflowDecision.DECLINE, "no vacancy"));
  }

  @Test
  void consentGrant_andDesignationApprove() {
    assertThat(answer("consent", "grant", "w-6", "--conditions", "no further sharing"))
        .isEqualTo(
            WorkflowAnswer.newBuilder()
                .setWorkflowId("w-6")
                .setDecision(WorkflowDecision.GRANT)
                .setOfficerId("officer-1")
                .setConditions("no further sharing")
                .build());
    assertThat(answer("designation", "approve", "w-7", "--agent", "SA Ana Ruiz"))
        .isEqualTo(
            WorkflowAnswer.newBuilder()
                .setWorkflowId("w-7")
                .setDecision(WorkflowDecision.APPROVE)
                .setOfficerId("officer-1")
                .addAgents("SA Ana Ruiz")
                .build());
  }

  private static WorkflowAnswer refusal(String id, WorkflowDecision decision, String reason) {
    return WorkflowAnswer.newBuilder()
        .setWorkflowId(id)
        .setDecision(decision)
        .setOfficerId("officer-1")
        .setReason(reason)
        .build();
  }

  /** A node's Workflows service that records each answer and echoes its workflow. */
  static final class ScriptedWorkflows extends WorkflowsGrpc.WorkflowsImplBase {
    final List<WorkflowAnswer> answers = new CopyOnWriteArrayList<>();

    @Override
    public void answer(WorkflowAnswer request, StreamObserver<WorkflowItem> out) {
      answers.add(request);
      out.onNext(
          WorkflowItem.newBuilder()
              .setWorkflowId(request.getWorkflowId())
              .setState(WorkflowState.APPROVED)
              .build());
      out.onCompleted();
    }
  }
}

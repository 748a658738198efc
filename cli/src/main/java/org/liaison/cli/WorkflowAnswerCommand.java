package org.liaison.cli;

import java.util.Locale;
import org.liaison.wire.v1.WorkflowAnswer;
import org.liaison.wire.v1.WorkflowDecision;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * A workflow command that answers one workflow a partner asked of this agency (an information
 * request, a consent request, a designation request): the workflow's id, the decision and what goes
 * with it, sent as the officer.
 */
abstract class WorkflowAnswerCommand extends WorkflowCommand {
  @Parameters(paramLabel = "ID", description = "The workflow id.")
  String id;

  /** The decision and its details (reason, conditions, fields, agents). */
  abstract WorkflowAnswer.Builder decision();

  @Override
  int run(NodeClient client) {
    WorkflowAnswer answer = decision().setWorkflowId(id).setOfficerId(officer()).build();
    return print(workflows(client).answer(answer));
  }

  /**
   * An answer that refuses, with a reason the asking agency can act on: {@code refuse} or {@code
   * decline}, the {@link WorkflowDecision} its command's name names (the workflow's word for it).
   */
  abstract static class Refusal extends WorkflowAnswerCommand {
    @Option(
        names = "--reason",
        required = true,
        paramLabel = "TEXT",
        description = "Why, in a sentence the requester can act on.")
    String reason;

    /** The decision a refusing command's name names: DECLINE for decline, REFUSE for refuse. */
    static WorkflowDecision refusal(String commandName) {
      return WorkflowDecision.valueOf(commandName.toUpperCase(Locale.ROOT));
    }

    @Override
    WorkflowAnswer.Builder decision() {
      return WorkflowAnswer.newBuilder().setDecision(refusal(spec.name())).setReason(reason);
    }
  }
}

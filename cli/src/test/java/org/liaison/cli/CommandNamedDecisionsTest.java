package org.liaison.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.liaison.agreements.LifecycleEvent;
import org.liaison.wire.v1.WorkflowDecision;
import picocli.CommandLine;

/**
 * The commands whose name is their decision ({@code agreement suspend|resume|terminate}, {@code
 * refuse}/{@code decline} of a workflow): every such command in the tree names one.
 */
class CommandNamedDecisionsTest {

  private static void collect(CommandLine cl, List<CommandLine> all) {
    all.add(cl);
    cl.getSubcommands().values().forEach(sub -> collect(sub, all));
  }

  private static List<CommandLine> tree() {
    List<CommandLine> all = new ArrayList<>();
    collect(LiaisonCommand.commandLine(), all);
    return all;
  }

  @Test
  void everyLifecycleCommandNamesItsAction() {
    List<LifecycleEvent.Action> actions =
        tree().stream()
            .filter(cl -> cl.getCommand() instanceof AgreementCommand.Lifecycle)
            .map(cl -> AgreementCommand.Lifecycle.action(cl.getCommandName()))
            .toList();

    assertThat(actions).containsExactlyInAnyOrder(LifecycleEvent.Action.values());
  }

  @Test
  void everyRefusingCommandNamesARefusal() {
    List<String> names = new ArrayList<>();
    List<WorkflowDecision> decisions = new ArrayList<>();
    for (CommandLine cl : tree()) {
      if (cl.getCommand() instanceof WorkflowAnswerCommand.Refusal) {
        names.add(cl.getParent().getCommandName() + " " + cl.getCommandName());
        decisions.add(WorkflowAnswerCommand.Refusal.refusal(cl.getCommandName()));
      }
    }

    assertThat(names)
        .containsExactlyInAnyOrder("request decline", "consent refuse", "designation decline");
    assertThat(decisions)
        .containsExactlyInAnyOrder(
            WorkflowDecision.DECLINE, WorkflowDecision.REFUSE, WorkflowDecision.DECLINE);
  }
}

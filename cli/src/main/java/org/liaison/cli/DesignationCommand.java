package org.liaison.cli;

import java.util.ArrayList;
import java.util.List;
import org.liaison.wire.v1.DesignatedAgentList;
import org.liaison.wire.v1.DesignatedAgentsRequest;
import org.liaison.wire.v1.DesignationDraft;
import org.liaison.wire.v1.WorkflowAnswer;
import org.liaison.wire.v1.WorkflowDecision;
import org.liaison.wire.v1.WorkflowKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "designation",
    description =
        "Cross-designation (e.g. Title 21 under dea-ice-xdes-2009): request, answer, and list designated agents.",
    subcommands = {
      DesignationCommand.Ask.class,
      DesignationCommand.Approve.class,
      DesignationCommand.Decline.class,
      DesignationCommand.ListDesignations.class
    })
final class DesignationCommand extends CommandGroup {

  @Command(
      name = "request",
      description = "Ask a partner to designate named agents.",
      footer = {
        "",
        "Example:",
        "  liaison designation request --partner us.dea --agent 'SA Ana Ruiz' --agent 'SA Tom Hale'"
      })
  static final class Ask extends WorkflowCommand {
    @Option(
        names = "--partner",
        required = true,
        paramLabel = "AGENCY",
        description = "The designating agency.")
    String partner;

    @Option(
        names = "--agent",
        required = true,
        paramLabel = "NAME",
        description = "An agent to designate (repeatable).")
    List<String> agents = new ArrayList<>();

    @Option(names = "--authority", paramLabel = "NAME", description = "Default: TITLE_21.")
    String authority = "";

    @Option(names = "--justification", paramLabel = "TEXT", description = "Why.")
    String justification = "";

    @Mixin CaseOption caseReference;

    @Override
    int run(NodeClient client) {
      return print(
          workflows(client)
              .requestDesignation(
                  DesignationDraft.newBuilder()
                      .setPartner(partner)
                      .addAllAgents(agents)
                      .setAuthority(authority)
                      .setJustification(justification)
                      .setCaseReference(caseReference.reference)
                      .setOfficerId(officer())
                      .build()));
    }
  }

  @Command(
      name = "approve",
      description = "Designate the agents asked for (or only those named with --agent).")
  static final class Approve extends WorkflowAnswerCommand {
    @Option(
        names = "--agent",
        paramLabel = "NAME",
        description = "Designate only this agent (repeatable).")
    List<String> agents = new ArrayList<>();

    @Override
    WorkflowAnswer.Builder decision() {
      return WorkflowAnswer.newBuilder().setDecision(WorkflowDecision.APPROVE).addAllAgents(agents);
    }
  }

  @Command(name = "decline", description = "Decline a designation request, with the reason.")
  static final class Decline extends WorkflowAnswerCommand.Refusal {}

  @Command(
      name = "list",
      description =
          "List designated agents with processing times (or, with --requests, the requests).")
  static final class ListDesignations extends WorkflowCommand {
    @Option(names = "--partner", paramLabel = "AGENCY", description = "Only with this partner.")
    String partner = "";

    @Option(names = "--requests", description = "List the designation requests instead.")
    boolean requests;

    @Option(
        names = "--awaiting",
        description = "With --requests: only those awaiting your agency's answer.")
    boolean awaiting;

    @Override
    int run(NodeClient client) {
      if (requests) {
        return list(client, WorkflowKind.DESIGNATION, awaiting, partner);
      }
      DesignatedAgentList list =
          workflows(client)
              .designatedAgents(DesignatedAgentsRequest.newBuilder().setPartner(partner).build());
      return printEach(
          list.getAgentsList(),
          "No designated agents.",
          a ->
              String.format(
                  "%-24s %s by %s for %s, requested %s, designated %s (%s)",
                  a.getAgent(),
                  a.getAuthority(),
                  a.getDesignatingAgency(),
                  a.getRequestingAgency(),
                  a.getRequestedAt(),
                  a.getDesignatedAt(),
                  Durations.text(a.getProcessingMs())));
    }
  }
}

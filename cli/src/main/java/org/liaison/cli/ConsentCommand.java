package org.liaison.cli;

import org.liaison.wire.v1.ConsentDraft;
import org.liaison.wire.v1.WorkflowDecision;
import org.liaison.wire.v1.WorkflowKind;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "consent",
    mixinStandardHelpOptions = true,
    description =
        "Consent to onward sharing (third-party rule): ask the originator of a record, or answer as the originator.",
    subcommands = {
      ConsentCommand.Ask.class,
      ConsentCommand.Grant.class,
      ConsentCommand.Refuse.class,
      ConsentCommand.ListConsents.class
    })
final class ConsentCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "request",
      mixinStandardHelpOptions = true,
      description =
          "Ask the originator of one of your records for consent to pass it on to another agency.",
      footer = {
        "",
        "Example:",
        "  liaison consent request --record ice-pnr-0007 --for us.ioc2 --justification 'IOC-2 lead'"
      })
  static final class Ask extends WorkflowCommand {
    @Option(
        names = "--record",
        required = true,
        paramLabel = "ID",
        description = "Your record that came from the originator.")
    String record;

    @Option(
        names = "--for",
        required = true,
        paramLabel = "AGENCY",
        description = "The agency that would receive it.")
    String forAgency;

    @Option(names = "--justification", paramLabel = "TEXT", description = "Why.")
    String justification = "";

    @Option(
        names = "--purpose",
        paramLabel = "PURPOSE",
        description = "The purpose of the onward disclosure.")
    String purpose = "";

    @Option(names = "--case", paramLabel = "REF", description = "Your case reference.")
    String caseReference = "";

    @Override
    int run(NodeClient client) {
      return print(
          workflows(client)
              .requestConsent(
                  ConsentDraft.newBuilder()
                      .setRecordId(record)
                      .setForAgency(forAgency)
                      .setJustification(justification)
                      .setPurpose(purpose)
                      .setCaseReference(caseReference)
                      .setOfficerId(officer())
                      .build()));
    }
  }

  @Command(
      name = "grant",
      mixinStandardHelpOptions = true,
      description = "Grant a holder's consent request, with conditions if any.")
  static final class Grant extends WorkflowCommand {
    @Parameters(paramLabel = "ID", description = "The workflow id.")
    String id;

    @Option(names = "--conditions", paramLabel = "TEXT", description = "Conditions of the consent.")
    String conditions;

    @Override
    int run(NodeClient client) {
      return answer(client, id, WorkflowDecision.GRANT, null, conditions, null, null);
    }
  }

  @Command(
      name = "refuse",
      mixinStandardHelpOptions = true,
      description = "Refuse a holder's consent request, with the reason.")
  static final class Refuse extends WorkflowCommand {
    @Parameters(paramLabel = "ID", description = "The workflow id.")
    String id;

    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why.")
    String reason;

    @Override
    int run(NodeClient client) {
      return answer(client, id, WorkflowDecision.REFUSE, reason, null, null, null);
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List consent requests, asked and received.")
  static final class ListConsents extends WorkflowCommand {
    @Option(names = "--awaiting", description = "Only requests awaiting your agency's answer.")
    boolean awaiting;

    @Option(names = "--partner", paramLabel = "AGENCY", description = "Only with this partner.")
    String partner;

    @Override
    int run(NodeClient client) {
      return list(client, WorkflowKind.CONSENT, awaiting, partner);
    }
  }
}

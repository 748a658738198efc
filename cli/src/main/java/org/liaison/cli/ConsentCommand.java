package org.liaison.cli;

import org.liaison.wire.v1.ConsentDraft;
import org.liaison.wire.v1.WorkflowAnswer;
import org.liaison.wire.v1.WorkflowDecision;
import org.liaison.wire.v1.WorkflowKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "consent",
    description =
        "Consent to onward sharing (third-party rule): ask the originator of a record, or answer as the originator.",
    subcommands = {
      ConsentCommand.Ask.class,
      ConsentCommand.Grant.class,
      ConsentCommand.Refuse.class,
      ConsentCommand.ListConsents.class
    })
final class ConsentCommand extends CommandGroup {

  @Command(
      name = "request",
      description =
          "Ask the originator of one of your records for consent to pass it on to another agency;"
              + " or, with --holder, ask a partner that withheld its record from you to seek its"
              + " originator's consent.",
      footer = {
        "",
        "Examples:",
        "  liaison consent request --record ice-pnr-0007 --for us.ioc2 --justification 'IOC-2 lead'",
        "  liaison consent request --holder us.ice --record ice-r-0102-pnr \\",
        "      --justification 'same courier network'   # from us.ioc2, after a WITHHELD answer"
      })
  static final class Ask extends WorkflowCommand {
    @Option(
        names = "--record",
        required = true,
        paramLabel = "ID",
        description =
            "Your record that came from the originator; with --holder, the partner's record id"
                + " its withheld answer named.")
    String record;

    @Option(
        names = "--for",
        paramLabel = "AGENCY",
        description = "The agency that would receive it (not with --holder).")
    String forAgency = "";

    @Option(
        names = "--holder",
        paramLabel = "AGENCY",
        description =
            "The partner that withheld its record from you for lack of the originator's consent:"
                + " it passes your request on to the originator and tells you the answer.")
    String holder = "";

    @Option(names = "--justification", paramLabel = "TEXT", description = "Why.")
    String justification = "";

    @Option(
        names = "--purpose",
        paramLabel = "PURPOSE",
        description = "The purpose of the onward disclosure.")
    String purpose = "";

    @Mixin CaseOption caseReference;

    @Override
    int run(NodeClient client) {
      return print(
          workflows(client)
              .requestConsent(
                  ConsentDraft.newBuilder()
                      .setRecordId(record)
                      .setForAgency(forAgency)
                      .setHolder(holder)
                      .setJustification(justification)
                      .setPurpose(purpose)
                      .setCaseReference(caseReference.reference)
                      .setOfficerId(officer())
                      .build()));
    }
  }

  @Command(
      name = "grant",
      description = "Grant a holder's consent request, with conditions if any.")
  static final class Grant extends WorkflowAnswerCommand {
    @Option(names = "--conditions", paramLabel = "TEXT", description = "Conditions of the consent.")
    String conditions;

    @Override
    WorkflowAnswer.Builder decision() {
      WorkflowAnswer.Builder grant =
          WorkflowAnswer.newBuilder().setDecision(WorkflowDecision.GRANT);
      return conditions == null ? grant : grant.setConditions(conditions);
    }
  }

  @Command(name = "refuse", description = "Refuse a holder's consent request, with the reason.")
  static final class Refuse extends WorkflowAnswerCommand.Refusal {}

  @Command(name = "list", description = "List consent requests, asked and received.")
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

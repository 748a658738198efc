package org.liaison.cli;

import org.liaison.wire.v1.FeedbackDraft;
import org.liaison.wire.v1.FeedbackDutiesRequest;
import org.liaison.wire.v1.FeedbackDutyList;
import org.liaison.wire.v1.ResultKind;
import org.liaison.wire.v1.WorkflowKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "feedback",
    description = "Feedback on results to the agency whose information was used.",
    subcommands = {
      FeedbackCommand.Record.class,
      FeedbackCommand.ListFeedback.class,
      FeedbackCommand.Duties.class
    })
final class FeedbackCommand extends CommandGroup {

  @Command(
      name = "record",
      description =
          "Record a result that used a partner's disclosure; the originator's node receives it.",
      footer = {
        "",
        "Example:",
        "  liaison feedback record --record cbp-int-0042 --result SEIZURE --case ICE-MIA-2026-0311 \\",
        "      --detail '40 kg cocaine seized' --on 2026-03-14"
      })
  static final class Record extends WorkflowCommand {
    @Option(
        names = "--record",
        required = true,
        paramLabel = "ID",
        description = "The disclosed record the result used.")
    String record;

    @Option(
        names = "--result",
        required = true,
        paramLabel = "KIND",
        description = "SEIZURE, ARREST, CHARGE, CONVICTION or REMOVAL.")
    ResultKind result;

    @Option(
        names = "--partner",
        paramLabel = "AGENCY",
        description = "The originator (default: the originator of your copy of the record).")
    String partner = "";

    @Option(
        names = "--disclosure",
        paramLabel = "MESSAGE_ID",
        description = "The message that carried the disclosure, if known.")
    String disclosure = "";

    @Mixin CaseOption caseReference;

    @Option(names = "--detail", paramLabel = "TEXT", description = "What happened.")
    String detail = "";

    @Option(names = "--on", paramLabel = "YYYY-MM-DD", description = "When it happened.")
    String on = "";

    @Override
    int run(NodeClient client) {
      return print(
          workflows(client)
              .recordFeedback(
                  FeedbackDraft.newBuilder()
                      .setRecordId(record)
                      .setResult(result)
                      .setPartner(partner)
                      .setDisclosureMessageId(disclosure)
                      .setCaseReference(caseReference.reference)
                      .setDetail(detail)
                      .setOccurredOn(on)
                      .setOfficerId(officer())
                      .build()));
    }
  }

  @Command(name = "list", description = "List feedback sent and received.")
  static final class ListFeedback extends WorkflowCommand {
    @Option(names = "--partner", paramLabel = "AGENCY", description = "Only with this partner.")
    String partner;

    @Override
    int run(NodeClient client) {
      return list(client, WorkflowKind.FEEDBACK, false, partner);
    }
  }

  @Command(
      name = "duties",
      description =
          "Feedback your agreements owe, per partner, with the records held from it and not yet fed back.")
  static final class Duties extends WorkflowCommand {
    @Option(names = "--partner", paramLabel = "AGENCY", description = "Only this partner.")
    String partner = "";

    @Override
    int run(NodeClient client) {
      FeedbackDutyList duties =
          workflows(client)
              .feedbackDuties(FeedbackDutiesRequest.newBuilder().setPartner(partner).build());
      return printEach(
          duties.getDutiesList(),
          "No agreement in force owes feedback.",
          d ->
              String.format(
                  "%-10s %s: within %d days; %d sent; %d open%s",
                  d.getPartnerAgency(),
                  d.getAgreementId(),
                  d.getWithinDays(),
                  d.getFeedbackSent(),
                  d.getOpenRecordIdsCount(),
                  d.getOpenRecordIdsCount() == 0 ? "" : " " + d.getOpenRecordIdsList()));
    }
  }
}

package org.liaison.cli;

import java.util.ArrayList;
import java.util.List;
import org.liaison.wire.v1.InfoRequestDraft;
import org.liaison.wire.v1.WorkflowAnswer;
import org.liaison.wire.v1.WorkflowDecision;
import org.liaison.wire.v1.WorkflowKind;
import org.liaison.wire.v1.WorkflowRef;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "request",
    description =
        "Requests for information: ask a partner for more of a record than the automatic tier, and answer partners' requests.",
    subcommands = {
      RequestCommand.Send.class,
      RequestCommand.ListRequests.class,
      RequestCommand.Show.class,
      RequestCommand.Approve.class,
      RequestCommand.Decline.class
    })
final class RequestCommand extends CommandGroup {

  @Command(
      name = "send",
      description = "Ask a partner for one of its records (usually the full record).",
      footer = {
        "",
        "Example:",
        "  liaison request send --partner us.cbp --record cbp-int-0042 --purpose DRUG_TRAFFICKING \\",
        "      --case ICE-MIA-2026-0311 --justification 'seizure follow-up' --role CASE_AGENT"
      })
  static final class Send extends WorkflowCommand {
    @Option(
        names = "--partner",
        required = true,
        paramLabel = "AGENCY",
        description = "The agency holding the record.")
    String partner;

    @Option(
        names = "--record",
        required = true,
        paramLabel = "ID",
        description = "The partner's record id (record_id of an earlier answer).")
    String record;

    @Option(
        names = "--purpose",
        required = true,
        paramLabel = "PURPOSE",
        description = "A purpose the agreement permits, e.g. DRUG_TRAFFICKING.")
    String purpose;

    @Mixin CaseOption caseReference;

    @Option(
        names = "--justification",
        required = true,
        paramLabel = "TEXT",
        description = "Why you need it.")
    String justification;

    @Option(
        names = "--role",
        paramLabel = "ROLE",
        description = "Your role, for need-to-know checks (e.g. CASE_AGENT).")
    String role = "";

    @Option(
        names = "--field",
        paramLabel = "NAME",
        description = "A field you need (repeatable; default: the whole record).")
    List<String> fields = new ArrayList<>();

    @Option(
        names = "--agreement",
        paramLabel = "ID",
        description =
            "The agreement to ask under (default: the one in force that permits the purpose).")
    String agreement = "";

    @Override
    int run(NodeClient client) {
      return print(
          workflows(client)
              .requestInformation(
                  InfoRequestDraft.newBuilder()
                      .setPartner(partner)
                      .setRecordId(record)
                      .setPurpose(purpose)
                      .setCaseReference(caseReference.reference)
                      .setJustification(justification)
                      .setOfficerRole(role)
                      .addAllFields(fields)
                      .setAgreementId(agreement)
                      .setOfficerId(officer())
                      .build()));
    }
  }

  @Command(name = "list", description = "List requests for information, yours and partners'.")
  static final class ListRequests extends WorkflowCommand {
    @Option(
        names = "--awaiting",
        description = "Only partners' requests awaiting your agency's answer (the inbox).")
    boolean awaiting;

    @Option(names = "--partner", paramLabel = "AGENCY", description = "Only with this partner.")
    String partner;

    @Override
    int run(NodeClient client) {
      return list(client, WorkflowKind.INFORMATION_REQUEST, awaiting, partner);
    }
  }

  @Command(name = "show", description = "Show any workflow item with its time-stamped steps.")
  static final class Show extends WorkflowCommand {
    @Parameters(paramLabel = "ID", description = "The workflow id.")
    String id;

    @Override
    int run(NodeClient client) {
      return print(workflows(client).show(WorkflowRef.newBuilder().setWorkflowId(id).build()));
    }
  }

  @Command(
      name = "approve",
      description =
          "Approve a partner's request; with --field, approve only those fields (approve in part).")
  static final class Approve extends WorkflowAnswerCommand {
    @Option(
        names = "--field",
        paramLabel = "NAME",
        description =
            "A field to disclose (repeatable; default: every field the agreement allows).")
    List<String> fields = new ArrayList<>();

    @Option(names = "--note", paramLabel = "TEXT", description = "A note for the requester.")
    String note;

    @Option(
        names = "--conditions",
        paramLabel = "TEXT",
        description =
            "Conditions of the release (e.g. 'analysis only'); they travel with the record as a caveat.")
    String conditions;

    @Override
    WorkflowAnswer.Builder decision() {
      WorkflowAnswer.Builder approval =
          WorkflowAnswer.newBuilder()
              .setDecision(
                  fields.isEmpty() ? WorkflowDecision.APPROVE : WorkflowDecision.APPROVE_IN_PART)
              .addAllFields(fields);
      if (note != null) approval.setReason(note);
      if (conditions != null) approval.setConditions(conditions);
      return approval;
    }
  }

  @Command(name = "decline", description = "Decline a partner's request, with the reason.")
  static final class Decline extends WorkflowAnswerCommand.Refusal {}
}

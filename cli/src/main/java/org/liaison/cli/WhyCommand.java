package org.liaison.cli;

import org.liaison.wire.v1.WhyAnswer;
import org.liaison.wire.v1.WhyRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "why",
    description = {
      "Explain what a partner would get of one of your node's records, and why: the policy decision",
      "under the agreements in force now, with every clause checked.",
      "Example: liaison why --record ice-r-0102-pnr --partner us.ioc2 --purpose INTERNATIONAL_ORGANIZED_CRIME"
    })
final class WhyCommand extends NodeCommand {

  @Option(
      names = "--record",
      required = true,
      paramLabel = "ID",
      description = "A record of your node.")
  String record;

  @Option(
      names = "--partner",
      required = true,
      paramLabel = "AGENCY",
      description = "The asking agency, e.g. us.ioc2.")
  String partner;

  @Option(
      names = "--purpose",
      required = true,
      paramLabel = "PURPOSE",
      description = "The purpose asked for, e.g. HUMAN_SMUGGLING.")
  String purpose;

  @Option(
      names = "--role",
      defaultValue = "",
      paramLabel = "ROLE",
      description = "The asking officer's role (need to know), e.g. INVESTIGATOR.")
  String role;

  @Option(
      names = "--case",
      defaultValue = "",
      paramLabel = "REF",
      description = "The asking side's case reference.")
  String caseReference;

  @Option(
      names = "--field",
      defaultValue = "",
      paramLabel = "NAME",
      description = "Ask about one field only.")
  String field;

  @Override
  int run(NodeClient client) {
    WhyAnswer answer =
        client
            .blocking()
            .why(
                WhyRequest.newBuilder()
                    .setRecordId(record)
                    .setPartnerAgency(partner)
                    .setPurpose(purpose)
                    .setOfficerRole(role)
                    .setCaseReference(caseReference)
                    .setField(field)
                    .build());
    out().println(json ? Json.line(answer) : answer.getExplanation().stripTrailing());
    out().flush();
    return 0;
  }
}

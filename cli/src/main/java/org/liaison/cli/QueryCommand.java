package org.liaison.cli;

import org.liaison.wire.v1.OfficerQueryRequest;
import org.liaison.wire.v1.PartnerAnswer;
import org.liaison.wire.v1.QueryRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "query",
    description = {
      "Ask partner agencies what they hold on an identifier or a person.",
      "Each partner's answer is printed as it arrives, then a summary."
    },
    footer = {
      "",
      "Examples:",
      "  liaison query --phone '+1 305 555 0142' --purpose NARCOTICS --case ICE-2024-0001",
      "  liaison query --name 'Дмитрий Волков' --dob 1979-03-14 --purpose HUMAN_SMUGGLING --json"
    })
final class QueryCommand extends NodeCommand {

  @Mixin IdentifierOptions identifier;

  @Mixin PersonOptions person;

  @Mixin RequestOptions request;

  @Option(
      names = "--purpose",
      paramLabel = "PURPOSE",
      required = true,
      description = "Why you ask: a purpose the agreements name, e.g. NARCOTICS, HUMAN_SMUGGLING.")
  String purpose;

  @Option(
      names = "--role",
      paramLabel = "ROLE",
      description =
          "The role you ask in, for need-to-know checks (e.g. CASE_AGENT): one your node's officer"
              + " directory gives you (else OFFICER_ROLE_NOT_HELD); default: your only role.")
  String role;

  @Override
  int run(NodeClient client) {
    return printAnswers(
        client.query(build()), PartnerAnswer::getStatus, AnswerText::partnerAnswer, "match");
  }

  OfficerQueryRequest build() {
    QueryRequest.Builder query = QueryRequest.newBuilder();
    try {
      QuerySubject.either(
          identifier.identifier(),
          person.person(false),
          "--name",
          "ask about",
          query::setIdentifier,
          query::setPerson);
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
    if (role != null) {
      query.setOfficerRole(role);
    }
    OfficerQueryRequest.Builder req =
        OfficerQueryRequest.newBuilder().setQuery(query).setPurpose(purpose);
    request.applyTo(req, connection);
    return req.build();
  }
}

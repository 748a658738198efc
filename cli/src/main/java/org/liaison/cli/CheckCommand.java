package org.liaison.cli;

import java.util.Iterator;
import org.liaison.wire.v1.Identifier;
import org.liaison.wire.v1.OfficerCheckRequest;
import org.liaison.wire.v1.PartnerCheckAnswer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Target de-confliction: is another agency working on this identifier?",
      "A conflict shows the other side's point of contact and case reference, nothing more;",
      "the other side is told yours."
    },
    footer = {"", "Example:", "  liaison check --phone '+1 305 555 0142' --case ICE-2024-0001"})
final class CheckCommand extends NodeCommand {

  @Mixin IdentifierOptions identifier;

  @Mixin RequestOptions request;

  @Override
  int run(NodeClient client) {
    OfficerCheckRequest req = build();
    AnswerTally tally = new AnswerTally();
    Iterator<PartnerCheckAnswer> answers = client.check(req);
    while (answers.hasNext()) {
      PartnerCheckAnswer a = answers.next();
      tally.add(a.getStatus());
      out().println(json ? Json.line(a) : AnswerText.checkAnswer(a));
      out().flush();
    }
    if (!json) {
      out().println(tally.summary("conflict"));
      out().flush();
    }
    return 0;
  }

  OfficerCheckRequest build() {
    Identifier id;
    try {
      id =
          identifier
              .identifier()
              .orElseThrow(
                  () ->
                      usage(
                          "Say what to check: one of --phone, --email, --plate, --vin, --account, --document, --wallet."));
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
    OfficerCheckRequest.Builder req = OfficerCheckRequest.newBuilder().setIdentifier(id);
    request.applyTo(req, connection);
    return req.build();
  }
}

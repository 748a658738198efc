package org.liaison.cli;

import org.liaison.wire.v1.OfficerCheckRequest;
import org.liaison.wire.v1.PartnerCheckAnswer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "check",
    description = {
      "Target de-confliction: is another agency working on this identifier or person?",
      "A conflict shows the other side's point of contact and case reference, nothing more;",
      "the other side is told yours."
    },
    footer = {
      "",
      "Examples:",
      "  liaison check --phone '+1 305 555 0142' --case ICE-2024-0001",
      "  liaison check --name 'Дмитрий Волков' --dob 1979-03-14 --case SKR-2026-0042"
    })
final class CheckCommand extends NodeCommand {

  @Mixin IdentifierOptions identifier;

  @Mixin PersonOptions person;

  @Mixin RequestOptions request;

  @Override
  int run(NodeClient client) {
    return printAnswers(
        client.check(build()), PartnerCheckAnswer::getStatus, AnswerText::checkAnswer, "conflict");
  }

  OfficerCheckRequest build() {
    OfficerCheckRequest.Builder req = OfficerCheckRequest.newBuilder();
    try {
      QuerySubject.either(
          identifier.identifier(),
          person.person(true),
          "--name with --dob",
          "check",
          req::setIdentifier,
          req::setPerson);
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
    request.applyTo(req, connection);
    return req.build();
  }
}

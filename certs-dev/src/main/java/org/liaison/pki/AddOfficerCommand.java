package org.liaison.pki;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "add-officer",
    mixinStandardHelpOptions = true,
    description =
        "Issues an officer's client TLS key, certificate and tls.p12 (password changeit).")
final class AddOfficerCommand extends AgencyCommand {

  @Option(names = "--officer", required = true, paramLabel = "OFFICER")
  String officer;

  @Override
  void run(DevPki dev) {
    dev.addOfficer(agency, officer);
    say("Added officer " + officer + " of " + agency + ": " + dev.officerDir(agency, officer));
  }
}

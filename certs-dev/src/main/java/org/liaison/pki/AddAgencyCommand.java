package org.liaison.pki;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "add-agency",
    mixinStandardHelpOptions = true,
    description =
        "Adds agencies (CA, gateway, nodes, officers) to an existing PKI; existing agencies are untouched.")
final class AddAgencyCommand extends ExistingPkiCommand {

  @Option(
      names = "--agency",
      paramLabel = "AGENCY[:NODES[:OFFICERS]]",
      required = true,
      description = "e.g. ca.opp:node-1:officer-1 (repeatable)")
  List<AgencySpec> agencies;

  @Override
  void run(DevPki dev) {
    for (AgencySpec agency : agencies) {
      dev.addAgency(agency);
      say(
          "Added "
              + agency.agency()
              + " (nodes "
              + agency.nodes()
              + ", officers "
              + agency.officers()
              + ")");
    }
  }
}

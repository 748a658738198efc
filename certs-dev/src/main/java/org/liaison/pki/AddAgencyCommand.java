package org.liaison.pki;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "add-agency",
    mixinStandardHelpOptions = true,
    description =
        "Adds agencies (CA, gateway, nodes, officers) to an existing PKI; existing agencies are untouched.")
final class AddAgencyCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin PkiCommand.PkiDir pki;

  @Option(
      names = "--agency",
      paramLabel = "AGENCY[:NODES[:OFFICERS]]",
      required = true,
      description = "e.g. ca.opp:node-1:officer-1 (repeatable)")
  List<AgencySpec> agencies;

  @Override
  public Integer call() {
    DevPki dev = pki.open();
    for (AgencySpec agency : agencies) {
      dev.addAgency(agency);
      spec.commandLine()
          .getOut()
          .println(
              "Added "
                  + agency.agency()
                  + " (nodes "
                  + agency.nodes()
                  + ", officers "
                  + agency.officers()
                  + ")");
    }
    return 0;
  }
}

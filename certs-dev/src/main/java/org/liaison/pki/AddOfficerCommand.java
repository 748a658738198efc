package org.liaison.pki;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "add-officer",
    mixinStandardHelpOptions = true,
    description =
        "Issues an officer's client TLS key, certificate and tls.p12 (password changeit).")
final class AddOfficerCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin PkiCommand.PkiDir pki;

  @Option(names = "--agency", required = true, paramLabel = "AGENCY")
  String agency;

  @Option(names = "--officer", required = true, paramLabel = "OFFICER")
  String officer;

  @Override
  public Integer call() {
    DevPki dev = pki.open();
    dev.addOfficer(agency, officer);
    spec.commandLine()
        .getOut()
        .println(
            "Added officer " + officer + " of " + agency + ": " + dev.officerDir(agency, officer));
    return 0;
  }
}

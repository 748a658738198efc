package org.liaison.pki;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "crl",
    mixinStandardHelpOptions = true,
    description =
        "Re-issues CRLs (thisUpdate now, nextUpdate +7 days), e.g. before the old ones expire.")
final class CrlCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin PkiCommand.PkiDir pki;

  @Option(
      names = "--agency",
      paramLabel = "AGENCY",
      description = "only this agency (default: every agency)")
  String agency;

  @Override
  public Integer call() {
    DevPki dev = pki.open();
    if (agency != null) {
      dev.reissueCrl(agency);
      spec.commandLine().getOut().println("Re-issued the CRL of " + agency);
    } else {
      dev.reissueCrls();
      spec.commandLine()
          .getOut()
          .println("Re-issued the CRLs of " + String.join(", ", dev.agencies()));
    }
    return 0;
  }
}

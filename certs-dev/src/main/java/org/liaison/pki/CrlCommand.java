package org.liaison.pki;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "crl",
    mixinStandardHelpOptions = true,
    description =
        "Re-issues CRLs (thisUpdate now, nextUpdate +7 days), e.g. before the old ones expire.")
final class CrlCommand extends ExistingPkiCommand {

  @Option(
      names = "--agency",
      paramLabel = "AGENCY",
      description = "only this agency (default: every agency)")
  String agency;

  @Override
  void run(DevPki dev) {
    if (agency != null) {
      dev.reissueCrl(agency);
      say("Re-issued the CRL of " + agency);
    } else {
      dev.reissueCrls();
      say("Re-issued the CRLs of " + String.join(", ", dev.agencies()));
    }
  }
}

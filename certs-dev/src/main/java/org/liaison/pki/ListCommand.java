package org.liaison.pki;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description =
        "Lists agencies, nodes, officers and every certificate: serial, status, expiry, file, subject.")
final class ListCommand extends ExistingPkiCommand {

  @Option(names = "--agency", paramLabel = "AGENCY", description = "only this agency")
  String agency;

  @Override
  void run(DevPki dev) {
    PrintWriter out = out();
    List<String> agencies = agency != null ? List.of(agency) : dev.agencies();
    Instant now = Instant.now();
    for (String a : agencies) {
      out.printf("%s  nodes %s  officers %s%n", a, dev.nodes(a), dev.officers(a));
      for (IssuedCertificate c : dev.certificates(a)) {
        out.printf(
            "  %-32s  %-22s  %s  %-34s  %s%n",
            c.serialHex(), status(c, now), c.notAfter(), c.file(), c.subject());
      }
    }
    PkiCommand.warn(out);
  }

  private static String status(IssuedCertificate c, Instant now) {
    if (c.revoked()) {
      return "revoked:" + c.revocationReason();
    }
    if (now.isAfter(c.notAfter())) {
      return "expired";
    }
    if (now.isBefore(c.notBefore())) {
      return "not-yet-valid";
    }
    return "valid";
  }
}

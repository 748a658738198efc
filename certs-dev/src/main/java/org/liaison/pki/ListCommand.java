package org.liaison.pki;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description =
        "Lists agencies, nodes, officers and every certificate: serial, status, expiry, file, subject.")
final class ListCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin PkiCommand.PkiDir pki;

  @Option(names = "--agency", paramLabel = "AGENCY", description = "only this agency")
  String agency;

  @Override
  public Integer call() {
    DevPki dev = pki.open();
    PrintWriter out = spec.commandLine().getOut();
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
    return 0;
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

package org.liaison.pki;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "rotate",
    mixinStandardHelpOptions = true,
    description =
        "New TLS, signing and encryption keys for a node; the old certificates are revoked"
            + " (superseded), the CRL re-issued and directory/ updated.")
final class RotateCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin PkiCommand.PkiDir pki;

  @Option(names = "--agency", required = true, paramLabel = "AGENCY")
  String agency;

  @Option(names = "--node", required = true, paramLabel = "NODE")
  String node;

  @Override
  public Integer call() {
    DevPki dev = pki.open();
    dev.rotateNode(agency, node);
    spec.commandLine()
        .getOut()
        .println(
            "Rotated node " + node + " of " + agency + "; old certificates revoked, CRL re-issued");
    return 0;
  }
}

package org.liaison.pki;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "add-node",
    mixinStandardHelpOptions = true,
    description = "Issues TLS, signing and encryption keys and certificates for a new node.")
final class AddNodeCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin PkiCommand.PkiDir pki;

  @Option(names = "--agency", required = true, paramLabel = "AGENCY")
  String agency;

  @Option(names = "--node", required = true, paramLabel = "NODE")
  String node;

  @Override
  public Integer call() {
    DevPki dev = pki.open();
    dev.addNode(agency, node);
    spec.commandLine()
        .getOut()
        .println("Added node " + node + " of " + agency + ": " + dev.nodeDir(agency, node));
    return 0;
  }
}

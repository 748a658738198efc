package org.liaison.pki;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "add-node",
    mixinStandardHelpOptions = true,
    description = "Issues TLS, signing and encryption keys and certificates for a new node.")
final class AddNodeCommand extends AgencyCommand {

  @Option(names = "--node", required = true, paramLabel = "NODE")
  String node;

  @Override
  void run(DevPki dev) {
    dev.addNode(agency, node);
    say("Added node " + node + " of " + agency + ": " + dev.nodeDir(agency, node));
  }
}

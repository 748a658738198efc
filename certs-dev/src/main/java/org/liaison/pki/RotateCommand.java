package org.liaison.pki;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "rotate",
    mixinStandardHelpOptions = true,
    description = {
      "New keys for a node (TLS, signing, encryption) or for the gateway (TLS). By default the"
          + " old certificates are revoked (superseded) at once, the CRL re-issued and directory/"
          + " updated.",
      "With no downtime (decision 0028): rotate --keep-previous (old and new both valid; running"
          + " nodes, gateways and partners take in the new ones within their reload interval,"
          + " and the old encryption key keeps opening what was sealed to it), wait at least the"
          + " reload interval plus the longest message lifetime, then rotate --retire-previous.",
      "Example: liaison-pki rotate --pki pki --agency us.ice --node node-1 --keep-previous"
    })
final class RotateCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin PkiCommand.PkiDir pki;

  @Option(names = "--agency", required = true, paramLabel = "AGENCY")
  String agency;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Target target;

  static final class Target {
    @Option(names = "--node", paramLabel = "NODE", description = "Rotate this node's keys.")
    String node;

    @Option(names = "--gateway", description = "Rotate the gateway's TLS key.")
    boolean gateway;
  }

  @ArgGroup(exclusive = true)
  Overlap overlap;

  static final class Overlap {
    @Option(
        names = "--keep-previous",
        description = "Issue new keys but leave the old certificates valid (start of an overlap).")
    boolean keepPrevious;

    @Option(
        names = "--retire-previous",
        description =
            "Issue nothing; revoke the certificates a --keep-previous rotation superseded.")
    boolean retirePrevious;
  }

  @Override
  public Integer call() {
    DevPki dev = pki.open();
    boolean keep = overlap != null && overlap.keepPrevious;
    boolean retire = overlap != null && overlap.retirePrevious;
    String what = target.gateway ? "the gateway" : "node " + target.node;
    if (retire) {
      Path dir = target.gateway ? dev.gatewayDir(agency) : dev.nodeDir(agency, target.node);
      if (!target.gateway && !dev.nodes(agency).contains(target.node)) {
        throw new PkiException(
            PkiException.Kind.UNKNOWN_ENTITY,
            "agency " + agency + " has no node " + target.node + "; nodes: " + dev.nodes(agency));
      }
      List<BigInteger> revoked = dev.retirePrevious(agency, dir);
      spec.commandLine()
          .getOut()
          .println(
              "Retired "
                  + revoked.size()
                  + " previous certificate(s) of "
                  + what
                  + " of "
                  + agency
                  + "; CRL re-issued");
      return 0;
    }
    if (target.gateway) {
      dev.rotateGateway(agency, !keep);
    } else {
      dev.rotateNode(agency, target.node, !keep);
    }
    spec.commandLine()
        .getOut()
        .println(
            "Rotated "
                + what
                + " of "
                + agency
                + (keep
                    ? "; the old certificates stay valid until rotate --retire-previous"
                    : "; old certificates revoked, CRL re-issued"));
    return 0;
  }
}

package org.liaison.pki;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "rotate",
    mixinStandardHelpOptions = true,
    description = {
      "New keys for a node (TLS, signing, encryption) or for the gateway (TLS), or a new CA for"
          + " the agency. By default a node's or gateway's old certificates are revoked"
          + " (superseded) at once, the CRL re-issued and directory/ updated.",
      "With no downtime (decision 0028): rotate --keep-previous (old and new both valid; running"
          + " nodes, gateways and partners take in the new ones within their reload interval,"
          + " and the old encryption key keeps opening what was sealed to it), wait at least the"
          + " reload interval plus the longest message lifetime, then rotate --retire-previous.",
      "The agency's CA, with overlapping trust (decision 0039): rotate --ca (a new CA, every"
          + " certificate re-issued under it and kept aside, the new CA and the old CA's rollover"
          + " certificate for it in directory/<agency>); copy directory/<agency> to every"
          + " partner and wait until they reloaded it; rotate --ca --switch (the processes take"
          + " the re-issued certificates); wait as for --retire-previous; rotate --ca --withdraw.",
      "Example: liaison-pki rotate --pki pki --agency us.ice --node node-1 --keep-previous"
    })
final class RotateCommand extends AgencyCommand {

  @ArgGroup(exclusive = true, multiplicity = "1")
  Target target;

  static final class Target {
    @Option(names = "--node", paramLabel = "NODE", description = "Rotate this node's keys.")
    String node;

    @Option(names = "--gateway", description = "Rotate the gateway's TLS key.")
    boolean gateway;

    @Option(
        names = "--ca",
        description =
            "Rotate the agency's CA: alone, step 1 (new CA, certificates re-issued and kept"
                + " aside, published with a rollover certificate); then --switch, then --withdraw.")
    boolean ca;
  }

  @ArgGroup(exclusive = true)
  Step step;

  static final class Step {
    @Option(
        names = "--keep-previous",
        description = "Issue new keys but leave the old certificates valid (start of an overlap).")
    boolean keepPrevious;

    @Option(
        names = "--retire-previous",
        description =
            "Issue nothing; revoke the certificates a --keep-previous rotation superseded.")
    boolean retirePrevious;

    @Option(
        names = "--switch",
        description =
            "With --ca: put the re-issued certificates into the processes' folders; the new CA"
                + " becomes the current one, the old one stays trusted.")
    boolean switchCa;

    @Option(
        names = "--withdraw",
        description =
            "With --ca: withdraw the previous CA; certificates it issued are refused"
                + " (CA_WITHDRAWN).")
    boolean withdraw;
  }

  @Override
  void run(DevPki dev) {
    boolean caStep = step != null && (step.switchCa || step.withdraw);
    if (caStep != target.ca && step != null) {
      throw new PkiException(
          PkiException.Kind.UNKNOWN_ENTITY,
          target.ca
              ? "--ca takes --switch or --withdraw (or nothing, to begin), not"
                  + " --keep-previous or --retire-previous"
              : "--switch and --withdraw are steps of rotate --ca");
    }
    if (target.ca) {
      rotateCa(dev);
      return;
    }
    boolean keep = step != null && step.keepPrevious;
    String what = target.gateway ? "the gateway" : "node " + target.node;
    if (step != null && step.retirePrevious) {
      Path dir = target.gateway ? dev.gatewayDir(agency) : dev.nodeDir(agency, target.node);
      if (!target.gateway && !dev.nodes(agency).contains(target.node)) {
        throw new PkiException(
            PkiException.Kind.UNKNOWN_ENTITY,
            "agency " + agency + " has no node " + target.node + "; nodes: " + dev.nodes(agency));
      }
      List<BigInteger> revoked = dev.retirePrevious(agency, dir);
      say(
          "Retired "
              + revoked.size()
              + " previous certificate(s) of "
              + what
              + " of "
              + agency
              + "; CRL re-issued");
      return;
    }
    if (target.gateway) {
      dev.rotateGateway(agency, !keep);
    } else {
      dev.rotateNode(agency, target.node, !keep);
    }
    say(
        "Rotated "
            + what
            + " of "
            + agency
            + (keep
                ? "; the old certificates stay valid until rotate --retire-previous"
                : "; old certificates revoked, CRL re-issued"));
  }

  private void rotateCa(DevPki dev) {
    if (step == null) {
      X509Certificate next = dev.beginCaRotation(agency);
      say(
          "New CA of "
              + agency
              + " ("
              + PkiFiles.fingerprint(next)
              + "); the agency's certificates are re-issued under it and kept aside. Copy "
              + dev.directory().resolve(agency)
              + " to every partner (both CAs, and the old CA's rollover certificate for the new"
              + " one), wait until they reloaded it, then rotate --ca --switch.");
    } else if (step.switchCa) {
      X509Certificate next = dev.switchCa(agency);
      say(
          "The processes of "
              + agency
              + " now take the certificates of CA "
              + PkiFiles.fingerprint(next)
              + "; the previous CA stays trusted until rotate --ca --withdraw (wait at least"
              + " every partner's reload interval, the longest message lifetime and a"
              + " connection's age first).");
    } else {
      X509Certificate old = dev.withdrawPreviousCa(agency);
      say(
          "Withdrew the previous CA of "
              + agency
              + " ("
              + PkiFiles.fingerprint(old)
              + "): certificates it issued are refused (CA_WITHDRAWN) once partners reloaded "
              + dev.directory().resolve(agency)
              + ". Name the new CA's fingerprint in the next version of each agreement.");
    }
  }
}

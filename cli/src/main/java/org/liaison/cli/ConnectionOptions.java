package org.liaison.cli;

import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** How a command reaches its node: the address and the officer's credentials. */
final class ConnectionOptions {

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(
      names = "--node",
      paramLabel = "HOST:PORT",
      defaultValue = "${env:LIAISON_NODE:-localhost:9102}",
      description = "Your node's officer API (env LIAISON_NODE; default: ${DEFAULT-VALUE}).")
  String node;

  @Option(
      names = "--cert",
      paramLabel = "PEM",
      defaultValue = "${env:LIAISON_CERT}",
      description = "Your TLS client certificate (env LIAISON_CERT).")
  Path cert;

  @Option(
      names = "--key",
      paramLabel = "PEM",
      defaultValue = "${env:LIAISON_KEY}",
      description = "Your private key, PKCS#8 (env LIAISON_KEY).")
  Path key;

  @Option(
      names = "--ca",
      paramLabel = "PEM",
      defaultValue = "${env:LIAISON_CA}",
      description =
          "Your agency's CA certificate, which the node's certificate must chain to (env LIAISON_CA).")
  Path ca;

  @Option(
      names = "--pki",
      paramLabel = "DIR",
      description =
          "A development PKI folder; with --agency and --officer, instead of --cert/--key/--ca.")
  Path pki;

  @Option(
      names = "--agency",
      paramLabel = "AGENCY",
      description = "Your agency id, e.g. us.ice (with --pki).")
  String agency;

  @Option(
      names = "--officer",
      paramLabel = "NAME",
      description = "Your officer name in the PKI, e.g. officer-1 (with --pki).")
  String officer;

  OfficerCredentials credentials() {
    if (pki != null) {
      if (agency == null || officer == null) {
        throw usage("--pki needs --agency and --officer.");
      }
      return OfficerCredentials.fromPki(pki, agency, officer);
    }
    if (cert == null || key == null || ca == null) {
      throw usage(
          "No officer credentials: give --cert, --key and --ca (or set LIAISON_CERT, LIAISON_KEY,"
              + " LIAISON_CA), or --pki DIR --agency A --officer O.");
    }
    return new OfficerCredentials(cert, key, ca);
  }

  /** Opens the client, turning bad addresses and unreadable credentials into usage errors. */
  NodeClient connect() {
    OfficerCredentials credentials = credentials();
    try {
      return NodeClient.connect(node, credentials);
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    } catch (java.io.UncheckedIOException e) {
      throw usage(e.getCause().getMessage());
    }
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}

package org.liaison.pki;

import java.math.BigInteger;
import java.nio.file.Path;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "revoke",
    mixinStandardHelpOptions = true,
    description =
        "Revokes a certificate of an agency's CA and re-issues its CRL (agency folder and directory/).")
final class RevokeCommand extends AgencyCommand {

  @ArgGroup(exclusive = true, multiplicity = "1")
  Target target;

  @Option(
      names = "--reason",
      paramLabel = "REASON",
      defaultValue = "keyCompromise",
      description =
          "RFC 5280 reason: keyCompromise, superseded, affiliationChanged, cessationOfOperation,"
              + " privilegeWithdrawn, cACompromise, unspecified (default: ${DEFAULT-VALUE})")
  RevocationReason reason;

  static final class Target {
    @Option(
        names = "--serial",
        paramLabel = "HEX",
        description = "serial in hex, as 'list' prints it")
    String serial;

    @Option(names = "--cert", paramLabel = "FILE", description = "a PEM certificate file")
    Path cert;
  }

  @Override
  void run(DevPki dev) {
    if (target.cert != null) {
      dev.revoke(agency, target.cert, reason);
      say("Revoked " + target.cert + " (" + reason + "); CRL of " + agency + " re-issued");
    } else {
      BigInteger serial = parseSerial(target.serial);
      dev.revoke(agency, serial, reason);
      say(
          "Revoked serial "
              + serial.toString(16)
              + " ("
              + reason
              + "); CRL of "
              + agency
              + " re-issued");
    }
  }

  private static BigInteger parseSerial(String text) {
    String hex = text.strip().toLowerCase(java.util.Locale.ROOT).replace(":", "");
    if (hex.startsWith("0x")) {
      hex = hex.substring(2);
    }
    try {
      return new BigInteger(hex, 16);
    } catch (NumberFormatException e) {
      throw new PkiException(
          PkiException.Kind.UNKNOWN_ENTITY,
          "'" + text + "' is not a serial: give it in hex, as 'list' prints it");
    }
  }
}

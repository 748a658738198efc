package org.liaison.pki;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar liaison-certs-dev.jar <command>}: makes and maintains the development PKI.
 * Refusals print one sentence to stderr and exit with 2.
 */
@Command(
    name = "liaison-pki",
    mixinStandardHelpOptions = true,
    version = "liaison-certs-dev 0.1.0",
    description = {
      "Makes the DEVELOPMENT-ONLY PKI of a Liaison federation: one root CA per agency and the"
          + " node, gateway, officer and agency-signing keys and certificates it issues, with CRLs.",
      "Never use this material in production."
    },
    subcommands = {
      InitCommand.class,
      AddAgencyCommand.class,
      AddNodeCommand.class,
      AddOfficerCommand.class,
      RotateCommand.class,
      RevokeCommand.class,
      CrlCommand.class,
      ListCommand.class
    })
public final class PkiCommand implements Callable<Integer> {

  /** Exit code of a refusal (unknown agency, bad id, existing output) and of bad usage. */
  public static final int EXIT_REFUSED = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, for tests and for embedding. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new PkiCommand());
    cli.registerConverter(AgencySpec.class, PkiCommand::agencySpec);
    cli.registerConverter(RevocationReason.class, PkiCommand::reason);
    cli.setExecutionExceptionHandler(
        (e, line, parsed) -> {
          if (e instanceof PkiException refusal) {
            line.getErr().println("error: " + refusal.getMessage());
            return EXIT_REFUSED;
          }
          throw e;
        });
    return cli;
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return EXIT_REFUSED;
  }

  private static AgencySpec agencySpec(String text) {
    try {
      return AgencySpec.parse(text);
    } catch (PkiException e) {
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
  }

  private static RevocationReason reason(String text) {
    try {
      return RevocationReason.parse(text);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
  }

  /** The {@code --pki DIR} option of the commands that change an existing PKI. */
  static final class PkiDir {
    @Option(
        names = {"--pki", "--out", "-d"},
        paramLabel = "DIR",
        defaultValue = "pki",
        description = "the PKI folder (default: ${DEFAULT-VALUE})")
    Path dir;

    DevPki open() {
      return DevPki.open(dir);
    }
  }

  static void warn(PrintWriter out) {
    out.println("DEVELOPMENT ONLY: unencrypted keys, not for production.");
  }
}

package org.liaison.cli;

import io.grpc.StatusRuntimeException;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

/**
 * {@code liaison}: the officer's command line. Exit codes: 0 done, 1 the call failed (the reason is
 * printed as a sentence), 2 wrong usage, 3 an import ran but some lines were rejected.
 */
@Command(
    name = "liaison",
    mixinStandardHelpOptions = true,
    version = "liaison 0.1.0",
    description =
        "Ask partner agencies, check for conflicts, and import records through your agency's node.",
    subcommands = {
      QueryCommand.class,
      CheckCommand.class,
      ImportCommand.class,
      StatusCommand.class,
      WhyCommand.class,
      AgreementCommand.class,
      AuditCommand.class,
      AlertsCommand.class,
      QuotaCommand.class,
      OperationCommand.class,
      RequestCommand.class,
      ConsentCommand.class,
      FeedbackCommand.class,
      DesignationCommand.class,
      ReportCommand.class,
      BackupCommand.class,
      HelpCommand.class
    },
    footer = {
      "",
      "Connection: --node HOST:PORT (env LIAISON_NODE) and either --cert/--key/--ca",
      "(env LIAISON_CERT, LIAISON_KEY, LIAISON_CA) or --pki DIR --agency A --officer O."
    })
public final class LiaisonCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Exit code when a call failed. */
  public static final int FAILED = 1;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The command line with Liaison's error handling: failed calls become one sentence, exit 1. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new LiaisonCommand());
    cl.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          String message;
          if (e instanceof StatusRuntimeException s) {
            Object cmd = commandLine.getCommand();
            String address = cmd instanceof NodeCommand n ? n.address() : "?";
            message = ErrorReport.sentence(s, address);
          } else if (e instanceof UncheckedIOException u) {
            message =
                u.getMessage() + (u.getCause() != null ? ": " + u.getCause().getMessage() : "");
          } else if (e instanceof IllegalStateException) {
            message = e.getMessage();
          } else {
            throw e;
          }
          commandLine.getErr().println("liaison: " + message);
          commandLine.getErr().flush();
          return FAILED;
        });
    return cl;
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}

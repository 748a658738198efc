package org.liaison.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description =
        "Export, prove and verify your node's tamper-evident audit log; see partner findings.",
    subcommands = {
      AuditExportCommand.class,
      AuditProveCommand.class,
      AuditVerifyCommand.class,
      AuditFindingsCommand.class
    })
final class AuditCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}

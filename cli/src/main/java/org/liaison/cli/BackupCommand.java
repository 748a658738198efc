package org.liaison.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "backup",
    mixinStandardHelpOptions = true,
    description =
        "Back up a running node (administrators only) and restore a backup into a stopped node"
            + " (docs/runbook.md, section 5).",
    subcommands = {BackupCreateCommand.class, BackupRestoreCommand.class})
final class BackupCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}

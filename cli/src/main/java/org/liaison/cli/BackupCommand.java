package org.liaison.cli;

import picocli.CommandLine.Command;

@Command(
    name = "backup",
    description =
        "Back up a running node (administrators only) and restore a backup into a stopped node"
            + " (docs/runbook.md, section 5).",
    subcommands = {BackupCreateCommand.class, BackupRestoreCommand.class})
final class BackupCommand extends CommandGroup {}

package org.liaison.cli;

import picocli.CommandLine.Command;

@Command(
    name = "audit",
    description =
        "Export, prove and verify your node's tamper-evident audit log; see partner findings.",
    subcommands = {
      AuditExportCommand.class,
      AuditProveCommand.class,
      AuditVerifyCommand.class,
      AuditFindingsCommand.class
    })
final class AuditCommand extends CommandGroup {}

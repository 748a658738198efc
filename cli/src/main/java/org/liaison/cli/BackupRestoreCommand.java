package org.liaison.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Offline, on the node's host: the node must be stopped. */
@Command(
    name = "restore",
    mixinStandardHelpOptions = true,
    description =
        "Put a backup folder back into a STOPPED node's data folder (H2). What it replaces is"
            + " moved aside (*.before-restore-TIME), never deleted; the replay journal is kept"
            + " as it is. Refused while the node runs.")
final class BackupRestoreCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", description = "The backup folder (from liaison backup create).")
  Path backup;

  @Option(
      names = "--data-dir",
      required = true,
      description = "The node's liaison.data-dir (where node.mv.db is).")
  Path dataDir;

  @Override
  public Integer call() {
    BackupRestore.Restored r = BackupRestore.restore(backup, dataDir);
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        "Restored %s of %s %s, taken %s, into %s.%n",
        r.manifest().getProperty("database", "?"),
        r.manifest().getProperty("node", "?"),
        r.manifest().getProperty("agency", "?"),
        r.manifest().getProperty("taken-at", "?"),
        dataDir);
    r.replaced().forEach(p -> out.println("  moved aside: " + p));
    out.printf(
        "Next (docs/runbook.md, section 5, \"After any restore\"):%n"
            + "  1. start the node, then: liaison audit verify (or export + verify offline);%n"
            + "  2. the restored log holds at least %,d entries; partners hold checkpoints of"
            + " more and will record a PARTNER_HISTORY_INCONSISTENT finding (a roll-back) at"
            + " their next consistency check:%n"
            + "     tell every partner which node, the backup's time and the restored size.%n",
        r.auditSizeAtBackup());
    out.flush();
    return 0;
  }
}

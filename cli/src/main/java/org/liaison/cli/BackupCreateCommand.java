package org.liaison.cli;

import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.liaison.wire.v1.BackupReport;
import org.liaison.wire.v1.BackupRequest;
import org.liaison.wire.v1.NodeAdminGrpc;
import picocli.CommandLine.Command;

@Command(
    name = "create",
    description =
        "Take an online backup of your node while it runs: the node writes it into a new folder"
            + " under its backup folder (liaison.backup.dir) on its own host. Only officers"
            + " listed in the node's liaison.admin.officers may. H2 nodes only; a PostgreSQL"
            + " node is backed up with pg_dump.")
final class BackupCreateCommand extends NodeCommand {

  @Override
  int run(NodeClient client) {
    BackupReport r =
        NodeAdminGrpc.newBlockingStub(client.channel())
            .withDeadlineAfter(30, TimeUnit.MINUTES)
            .backup(BackupRequest.getDefaultInstance());
    if (json) {
      out().println(Json.line(r));
    } else {
      out()
          .printf(
              "Backup of %s written on the node's host: %s%n"
                  + "  %,d bytes, taken %s; the audit log held %,d entries when it began.%n"
                  + "Copy the folder off the host. To restore: stop the node, then"
                  + " liaison backup restore FOLDER --data-dir DATA_DIR.%n",
              r.getDatabase(),
              r.getFolder(),
              r.getBytes(),
              Instant.ofEpochMilli(r.getTakenAtMs()),
              r.getAuditTreeSize());
    }
    out().flush();
    return 0;
  }
}

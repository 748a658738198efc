package org.liaison.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.liaison.wire.audit.AuditBundles;
import org.liaison.wire.v1.AuditBundle;
import org.liaison.wire.v1.AuditExportRequest;
import org.liaison.wire.v1.AuditGrpc;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description =
        "Write the audit log, its signed checkpoints and the node's signing certificates"
            + " to a bundle file an oversight body can verify offline (liaison audit verify).")
final class AuditExportCommand extends NodeCommand {

  @Option(names = "--out", required = true, description = "The bundle file to write (JSON).")
  Path out;

  @Option(names = "--limit", description = "Only the first N entries (default: all).")
  long limit;

  @Override
  int run(NodeClient client) {
    AuditBundle bundle =
        AuditBundles.join(
            AuditGrpc.newBlockingStub(client.channel())
                .withDeadlineAfter(5, TimeUnit.MINUTES)
                .export(AuditExportRequest.newBuilder().setLimit(limit).build()));
    try {
      AuditBundles.write(out, bundle);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + out, e);
    }
    out()
        .printf(
            "Wrote %d audit entries of %s.%s to %s%n",
            bundle.getRecordsCount(), bundle.getNode(), bundle.getAgency(), out);
    out().flush();
    return 0;
  }
}

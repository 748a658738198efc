package org.liaison.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import org.liaison.wire.audit.AuditBundleFile;
import org.liaison.wire.v1.AuditBundle;
import org.liaison.wire.v1.AuditExportRequest;
import org.liaison.wire.v1.AuditGrpc;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "export",
    description =
        "Write the audit log, its signed checkpoints and the node's signing certificates"
            + " to a bundle file an oversight body can verify offline (liaison audit verify).")
final class AuditExportCommand extends NodeCommand {

  @Option(names = "--out", required = true, description = "The bundle file to write (JSON).")
  Path out;

  @Option(names = "--limit", description = "Only the first N entries (default: all).")
  long limit;

  @Option(
      names = "--deadline-minutes",
      defaultValue = "60",
      description = "How long the export may take (default: ${DEFAULT-VALUE} minutes).")
  long deadlineMinutes;

  private static IOException asIo(Exception e) {
    return e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
  }

  @Override
  int run(NodeClient client) {
    // written part by part as the node streams them: the log may be larger than this memory
    Iterator<AuditBundle> parts =
        AuditGrpc.newBlockingStub(client.channel())
            .withDeadlineAfter(deadlineMinutes, TimeUnit.MINUTES)
            .export(AuditExportRequest.newBuilder().setLimit(limit).build());
    AuditBundle first = null;
    long written;
    try (AuditBundleFile.Writer file = AuditBundleFile.Writer.create(out)) {
      while (parts.hasNext()) {
        AuditBundle part = parts.next();
        if (first == null) {
          first = part;
        }
        file.accept(part);
      }
      written = file.records();
    } catch (IOException | UncheckedIOException e) {
      throw new UncheckedIOException("Cannot write " + out, asIo(e));
    }
    out()
        .printf(
            "Wrote %d audit entries of %s.%s to %s%n",
            written,
            first == null ? "" : first.getNode(),
            first == null ? "" : first.getAgency(),
            out);
    out().flush();
    return 0;
  }
}

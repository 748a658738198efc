package org.liaison.cli;

import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.liaison.wire.v1.AuditCheckpoint;
import org.liaison.wire.v1.AuditFinding;
import org.liaison.wire.v1.AuditFindings;
import org.liaison.wire.v1.AuditFindingsRequest;
import org.liaison.wire.v1.AuditGrpc;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "findings",
    description =
        "Partners whose audit history was found inconsistent (PARTNER_HISTORY_INCONSISTENT),"
            + " and the latest checkpoint held of each partner node. Exit 1 when there is a finding.")
final class AuditFindingsCommand extends NodeCommand {

  @Option(names = "--check", description = "Ask every partner for a consistency proof first.")
  boolean check;

  @Override
  int run(NodeClient client) {
    AuditFindings f =
        AuditGrpc.newBlockingStub(client.channel())
            .withDeadlineAfter(2, TimeUnit.MINUTES)
            .findings(AuditFindingsRequest.newBuilder().setCheckPartnersNow(check).build());
    if (json) {
      out().println(Json.line(f));
    } else {
      for (AuditCheckpoint c : f.getPartnerCheckpointsList()) {
        out()
            .printf(
                "%-10s %-8s %8d entries, signed %s%n",
                c.getAgency(),
                c.getNode(),
                c.getTreeSize(),
                Instant.ofEpochMilli(c.getTimestampMs()));
      }
      if (f.getFindingsCount() == 0) {
        out().println("No findings: every partner history seen so far is consistent.");
      }
      for (AuditFinding x : f.getFindingsList()) {
        out()
            .printf(
                "%s %s %s.%s: %s%n",
                Instant.ofEpochMilli(x.getAtMs()),
                x.getKind(),
                x.getPartnerNode(),
                x.getPartnerAgency(),
                x.getDetail());
      }
    }
    out().flush();
    return f.getFindingsCount() == 0 ? 0 : LiaisonCommand.FAILED;
  }
}

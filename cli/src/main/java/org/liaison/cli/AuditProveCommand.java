package org.liaison.cli;

import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.liaison.wire.audit.AuditCheckpoints;
import org.liaison.wire.v1.AuditCheckpoint;
import org.liaison.wire.v1.AuditGrpc;
import org.liaison.wire.v1.AuditProof;
import org.liaison.wire.v1.AuditProveRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "prove",
    description =
        "Show the RFC 9162 inclusion proof of one audit entry against a signed checkpoint.")
final class AuditProveCommand extends NodeCommand {

  @Parameters(index = "0", description = "The entry's index (0 is the first entry).")
  long index;

  @Option(
      names = "--tree-size",
      description = "Prove against the checkpoint of this size (default: latest).")
  long treeSize;

  @Override
  int run(NodeClient client) {
    AuditProof p =
        AuditGrpc.newBlockingStub(client.channel())
            .withDeadlineAfter(60, TimeUnit.SECONDS)
            .prove(AuditProveRequest.newBuilder().setIndex(index).setTreeSize(treeSize).build());
    if (json) {
      out().println(Json.line(p));
    } else {
      HexFormat hex = HexFormat.of();
      AuditCheckpoint c =
          AuditCheckpoints.parse(p.getCheckpoint()).orElse(AuditCheckpoint.getDefaultInstance());
      out()
          .printf(
              "Entry %d: %s %s %s, outcome %s%n",
              index,
              p.getRecord().getDecoded().getKind(),
              p.getRecord().getDecoded().getDirection(),
              p.getRecord().getDecoded().getMessageId(),
              p.getRecord().getDecoded().getOutcome());
      out().printf("Leaf hash: %s%n", hex.formatHex(p.getRecord().getLeafHash().toByteArray()));
      out()
          .printf(
              "Checkpoint: tree size %d, root %s, signed by %s%n",
              c.getTreeSize(), hex.formatHex(c.getRootHash().toByteArray()), c.getSignerKeyId());
      out().println("Inclusion path:");
      p.getInclusionPathList().forEach(h -> out().println("  " + hex.formatHex(h.toByteArray())));
      out()
          .println(
              p.getVerified()
                  ? "The path leads to the signed root: the entry is in the log."
                  : "The path does NOT lead to the signed root.");
    }
    out().flush();
    return p.getVerified() ? 0 : LiaisonCommand.FAILED;
  }
}

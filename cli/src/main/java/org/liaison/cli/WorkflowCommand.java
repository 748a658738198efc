package org.liaison.cli;

import java.util.concurrent.TimeUnit;
import org.liaison.wire.v1.WorkflowItem;
import org.liaison.wire.v1.WorkflowItems;
import org.liaison.wire.v1.WorkflowKind;
import org.liaison.wire.v1.WorkflowQuery;
import org.liaison.wire.v1.WorkflowsGrpc;
import picocli.CommandLine.Option;

/** What the workflow commands share: the Workflows stub, the officer id, and printing items. */
abstract class WorkflowCommand extends NodeCommand {
  private static final long CALL_MS = 60_000;

  @Option(
      names = "--officer-id",
      paramLabel = "ID",
      description =
          "Your officer id as your agency records it (default: --officer, else your certificate's name).")
  String officerId;

  WorkflowsGrpc.WorkflowsBlockingStub workflows(NodeClient client) {
    return WorkflowsGrpc.newBlockingStub(client.channel())
        .withDeadlineAfter(CALL_MS, TimeUnit.MILLISECONDS);
  }

  String officer() {
    if (officerId != null) return officerId;
    return connection.officer != null ? connection.officer : "";
  }

  int print(WorkflowItem item) {
    out().println(json ? Json.line(item) : WorkflowText.item(item));
    out().flush();
    return 0;
  }

  int list(NodeClient client, WorkflowKind kind, boolean awaiting, String partner) {
    WorkflowItems items =
        workflows(client)
            .list(
                WorkflowQuery.newBuilder()
                    .setKind(kind)
                    .setAwaitingUs(awaiting)
                    .setPartner(partner == null ? "" : partner)
                    .build());
    return printEach(items.getItemsList(), "Nothing to list.", WorkflowText::line);
  }
}

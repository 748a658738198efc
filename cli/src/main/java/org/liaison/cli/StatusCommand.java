package org.liaison.cli;

import org.liaison.wire.v1.NodeStatus;
import picocli.CommandLine.Command;

@Command(
    name = "status",
    description =
        "Show your node: who it is, what it holds, which partner agreements are in force.")
final class StatusCommand extends NodeCommand {

  @Override
  int run(NodeClient client) {
    NodeStatus status = client.status();
    out().println(json ? Json.line(status) : AnswerText.status(status));
    out().flush();
    return 0;
  }
}

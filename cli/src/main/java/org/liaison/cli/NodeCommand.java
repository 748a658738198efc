package org.liaison.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** What every command that talks to a node shares: connection options, --json, output. */
abstract class NodeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ConnectionOptions connection;

  @Option(
      names = "--json",
      description = "Print JSON Lines (one protobuf message per line) for scripts.")
  boolean json;

  /** The address being talked to, for error sentences. */
  String address() {
    return connection.node;
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  @Override
  public final Integer call() {
    try (NodeClient client = connection.connect()) {
      return run(client);
    }
  }

  abstract int run(NodeClient client);
}

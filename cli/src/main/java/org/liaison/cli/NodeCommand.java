package org.liaison.cli;

import com.google.protobuf.MessageOrBuilder;
import java.io.PrintWriter;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.liaison.wire.v1.PartnerAnswer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * What every command that talks to a node shares: connection options, --json, output, and --help
 * and --version.
 */
@Command(mixinStandardHelpOptions = true)
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

  /**
   * What the officer sees of a fan-out (a query, a target check): each partner's answer as it
   * arrives, as text or JSON, then in text the tally, e.g. "2 partners answered in 120 ms: 1 match,
   * 1 no match."
   */
  <A extends MessageOrBuilder> int printAnswers(
      Iterator<A> answers,
      Function<A, PartnerAnswer.Status> status,
      Function<A, String> text,
      String matchWord) {
    AnswerTally tally = new AnswerTally();
    while (answers.hasNext()) {
      A a = answers.next();
      tally.add(status.apply(a));
      out().println(json ? Json.line(a) : text.apply(a));
      out().flush();
    }
    if (!json) {
      out().println(tally.summary(matchWord));
      out().flush();
    }
    return 0;
  }

  /**
   * A listing: JSON Lines, or one text line per item, or (in text) the sentence that says there is
   * nothing, e.g. "No designated agents."
   */
  <T extends MessageOrBuilder> int printEach(
      List<T> items, String nothing, Function<T, String> line) {
    if (json) {
      items.forEach(i -> out().println(Json.line(i)));
    } else if (items.isEmpty()) {
      out().println(nothing);
    } else {
      items.forEach(i -> out().println(line.apply(i)));
    }
    out().flush();
    return 0;
  }
}

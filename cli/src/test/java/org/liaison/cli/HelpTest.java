package org.liaison.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** Every command of {@code liaison}, found in the command tree, prints its help on --help. */
class HelpTest {

  static Stream<String> commands() {
    List<String> paths = new ArrayList<>();
    collect(LiaisonCommand.commandLine(), "", paths);
    return paths.stream();
  }

  private static void collect(CommandLine cl, String prefix, List<String> paths) {
    for (var e : cl.getSubcommands().entrySet()) {
      if (e.getValue().getCommandSpec().helpCommand()) {
        continue;
      }
      String path = (prefix + " " + e.getKey()).trim();
      paths.add(path);
      collect(e.getValue(), path, paths);
    }
  }

  @ParameterizedTest(name = "liaison {0} --help")
  @MethodSource("commands")
  void help_printsTheHelp(String command) {
    List<String> args = new ArrayList<>(List.of(command.split(" ")));
    args.add("--help");
    CliRun run = CliRun.of(args.toArray(String[]::new));
    assertThat(run.err()).as(command).isEmpty();
    assertThat(run.exit()).as(command).isZero();
    assertThat(run.out()).as(command).startsWith("Usage: liaison " + command);
  }

  /** A description is a whole phrase: it does not stop at a word that needs more after it. */
  @ParameterizedTest(name = "liaison {0}")
  @MethodSource("commands")
  void help_optionDescriptionsAreWhole(String command) {
    CommandLine cl = LiaisonCommand.commandLine();
    for (String name : command.split(" ")) {
      cl = cl.getSubcommands().get(name);
    }
    for (OptionSpec o : cl.getCommandSpec().options()) {
      String text = String.join(" ", o.description()).trim();
      assertThat(text).as("%s %s has a description", command, o.longestName()).isNotEmpty();
      assertThat(text)
          .as("%s %s: '%s'", command, o.longestName(), text)
          .doesNotMatch("(?s).*\\b(in|to|of|the|a|an|and|or|with|for|from|by)$");
    }
  }
}

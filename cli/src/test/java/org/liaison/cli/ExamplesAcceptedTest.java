package org.liaison.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.liaison.wire.vocabulary.Vocabulary;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * Every {@code liaison ...} example in the README and in the CLI's own help parses, and every
 * purpose and role it names is one the node accepts (the node reads them with {@link Vocabulary}).
 */
class ExamplesAcceptedTest {
  private static final String CONNECTION =
      "--pki pki --agency us.ice --officer officer-1 --node 127.0.0.1:9000";
  private static final Pattern SHELL_VARIABLE = Pattern.compile("\\$[A-Z]+\\b");
  private static final Pattern OPTIONAL = Pattern.compile("\\[([^\\]]*)]");

  static Stream<String> readmeExamples() throws IOException {
    Path readme = Path.of("..", "README.md");
    return examples(Files.readAllLines(readme, StandardCharsets.UTF_8), "bin/liaison ").stream();
  }

  static Stream<String> helpExamples() {
    List<String> lines = new ArrayList<>();
    collectHelp(LiaisonCommand.commandLine(), lines);
    return examples(lines, "liaison ").stream();
  }

  @Test
  void bothSourcesHaveExamples() throws IOException {
    assertThat(readmeExamples().count()).isGreaterThan(25);
    assertThat(helpExamples().count()).isGreaterThan(8);
  }

  @ParameterizedTest
  @MethodSource("readmeExamples")
  void readmeExampleIsAccepted(String example) {
    assertAccepted(example);
  }

  @ParameterizedTest
  @MethodSource("helpExamples")
  void helpExampleIsAccepted(String example) {
    assertAccepted(example);
  }

  @Test
  void aRoleTheNodeRefusesIsCaught() {
    assertThat(problems("liaison query --phone 1 --purpose NARCOTICS --role CASE_OFFICER"))
        .containsExactly("--role CASE_OFFICER is not an officer role");
    assertThat(problems("liaison query --phone 1 --purpose SMUGGLING"))
        .containsExactly("--purpose SMUGGLING is not a purpose");
  }

  private static void assertAccepted(String example) {
    assertThat(problems(example)).as(example).isEmpty();
  }

  /** What the node would refuse in the example; a usage error fails with picocli's message. */
  private static List<String> problems(String example) {
    List<String> words = words(example);
    assertThat(words.get(0)).isEqualTo("liaison");
    ParseResult parsed =
        LiaisonCommand.commandLine()
            .parseArgs(words.subList(1, words.size()).toArray(String[]::new));
    while (parsed.hasSubcommand()) {
      parsed = parsed.subcommand();
    }
    List<String> problems = new ArrayList<>();
    if (parsed.hasMatchedOption("--purpose")) {
      String purpose = parsed.matchedOptionValue("--purpose", "");
      if (Vocabulary.purpose(purpose).isEmpty()) {
        problems.add("--purpose " + purpose + " is not a purpose");
      }
    }
    if (parsed.hasMatchedOption("--role")) {
      String role = parsed.matchedOptionValue("--role", "");
      if (Vocabulary.officerRole(role).isEmpty()) {
        problems.add("--role " + role + " is not an officer role");
      }
    }
    return problems;
  }

  private static void collectHelp(CommandLine command, List<String> lines) {
    CommandLine.Model.UsageMessageSpec usage = command.getCommandSpec().usageMessage();
    Stream.of(usage.header(), usage.description(), usage.footer())
        .flatMap(Stream::of)
        .flatMap(text -> Stream.of(text.split("\n")))
        .forEach(lines::add);
    command.getSubcommands().values().stream()
        .filter(sub -> sub.getCommandSpec().parent() == command.getCommandSpec())
        .forEach(sub -> collectHelp(sub, lines));
  }

  /**
   * The examples in the lines: those starting (after blanks) with {@code start}, joined with the
   * lines they continue on ({@code \}), without trailing comments; shell variables stand for the
   * connection options, {@code [x]} for x.
   */
  static List<String> examples(List<String> lines, String start) {
    List<String> found = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (!line.startsWith(start)) {
        continue;
      }
      StringBuilder example = new StringBuilder(line);
      while (example.toString().endsWith("\\") && i + 1 < lines.size()) {
        example.setLength(example.length() - 1);
        example.append(' ').append(lines.get(++i).strip());
      }
      String text = withoutComment(example.toString()).replaceFirst("^bin/liaison ", "liaison ");
      text = SHELL_VARIABLE.matcher(text).replaceAll(Matcher.quoteReplacement(CONNECTION));
      found.add(OPTIONAL.matcher(text).replaceAll("$1").strip());
    }
    return found;
  }

  private static String withoutComment(String line) {
    boolean single = false;
    boolean dbl = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\'' && !dbl) {
        single = !single;
      } else if (c == '"' && !single) {
        dbl = !dbl;
      } else if (c == '#' && !single && !dbl && i > 0 && line.charAt(i - 1) == ' ') {
        return line.substring(0, i);
      }
    }
    return line;
  }

  /** Splits like a POSIX shell for the quoting the examples use ('...' and "..."). */
  static List<String> words(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = null;
    char quote = 0;
    for (char c : line.toCharArray()) {
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        word = word == null ? new StringBuilder() : word;
      } else if (Character.isWhitespace(c)) {
        if (word != null) {
          words.add(word.toString());
          word = null;
        }
      } else {
        word = word == null ? new StringBuilder() : word;
        word.append(c);
      }
    }
    if (word != null) {
      words.add(word.toString());
    }
    return words;
  }
}

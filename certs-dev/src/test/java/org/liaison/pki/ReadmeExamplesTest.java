package org.liaison.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The README's {@code bin/liaison-pki} examples, run in the order it gives them on a fresh folder:
 * each one succeeds and does what its comment says. (The CLI's examples are checked by {@code
 * ExamplesAcceptedTest} in the cli module.)
 */
class ReadmeExamplesTest {
  private static final String PROGRAM = "bin/liaison-pki ";

  @TempDir Path tmp;

  @Test
  void everyExampleRunsInTheOrderGiven() throws IOException {
    List<List<String>> examples = examples();
    assertThat(examples).as("the README's liaison-pki examples").hasSizeGreaterThanOrEqualTo(6);
    Path pki = tmp.resolve("pki");
    PkiLayout layout = new PkiLayout(pki);
    for (List<String> example : examples) {
      List<String> args = new ArrayList<>();
      for (String word : example) {
        args.add(
            switch (word) {
              case "pki" -> pki.toString();
              case "<hex>" -> gatewaySerial(layout);
              default -> word;
            });
      }
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      CommandLine cli = PkiCommand.commandLine();
      cli.setOut(new PrintWriter(out, true));
      cli.setErr(new PrintWriter(err, true));
      assertThat(cli.execute(args.toArray(String[]::new)))
          .as("%s%s%n%s", PROGRAM, String.join(" ", example), err)
          .isZero();
      if (example.get(0).equals("list")) {
        assertThat(out.toString()).contains("ca.opp", "us.ice", "revoked");
      }
    }
    assertThat(layout.nodeDir("ca.opp", "node-1")).isDirectory();
    assertThat(layout.officerDir("ca.opp", "officer-1")).isDirectory();
  }

  private static String gatewaySerial(PkiLayout layout) {
    return PkiFiles.readCertificate(layout.gatewayDir("us.ice").resolve("tls.crt.pem"))
        .getSerialNumber()
        .toString(16);
  }

  /** Each example's words after the program, without its comment. */
  private static List<List<String>> examples() throws IOException {
    List<List<String>> examples = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of("..", "README.md"), StandardCharsets.UTF_8)) {
      if (line.startsWith(PROGRAM)) {
        String command = line.substring(PROGRAM.length());
        int comment = command.indexOf(" #");
        String words = (comment < 0 ? command : command.substring(0, comment)).trim();
        examples.add(List.of(words.split("\\s+")));
      }
    }
    return examples;
  }
}

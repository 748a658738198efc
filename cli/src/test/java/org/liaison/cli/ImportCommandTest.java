package org.liaison.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liaison.wire.v1.ImportItem;

class ImportCommandTest {

  @TempDir Path dir;
  OfficerServerFixture node;
  Path file;

  @BeforeEach
  void start() throws Exception {
    node = new OfficerServerFixture(dir);
    file = dir.resolve("records.jsonl");
  }

  @AfterEach
  void stop() throws Exception {
    node.close();
  }

  private void write(String... lines) throws Exception {
    Files.write(file, List.of(lines));
  }

  private static String good(int n) {
    return "{\"kind\":\"case\",\"case_number\":\"C-" + n + "\"}";
  }

  @Test
  void import_rejectedLinesAreReportedWithNumberAndReason_exitThree() throws Exception {
    write(good(1), good(2), "{\"case_number\":\"no kind\"}", "", good(5), "not json");

    CliRun run = CliRun.of(node.connectAs("us.ice"), "import", file.toString());

    assertThat(run.exit()).isEqualTo(ImportCommand.REJECTED_LINES);
    assertThat(run.out())
        .contains("line 3 rejected: INVALID_ARGUMENT: the line has no \"kind\" field")
        .contains("line 6 rejected: INVALID_ARGUMENT")
        .contains(
            "Imported 3 of 5 lines sent from "
                + file
                + " (2 rejected); acknowledged up to line 6 of 6.");
    assertThat(node.officer.imported)
        .extracting(ImportItem::getLine)
        .containsExactly(1L, 2L, 3L, 5L, 6L);
    assertThat(new ImportState(file).lastAcknowledgedLine()).isEqualTo(6);
  }

  @Test
  void import_interruptedRun_resumesAfterTheLastAcknowledgedLine() throws Exception {
    List<String> lines = new ArrayList<>();
    IntStream.rangeClosed(1, 50).forEach(i -> lines.add(good(i)));
    Files.write(file, lines);
    node.officer.failImportAfterAcks = 4;

    CliRun first =
        CliRun.of(node.connectAs("us.ice"), "import", "--batch-lines", "5", file.toString());

    assertThat(first.exit()).isEqualTo(1);
    assertThat(first.err()).contains("UNAVAILABLE", "node shutting down");
    assertThat(new ImportState(file).lastAcknowledgedLine()).isEqualTo(20);

    node.officer.imported.clear();
    node.officer.failImportAfterAcks = -1;
    CliRun second = CliRun.of(node.connectAs("us.ice"), "import", file.toString());

    assertThat(second.exit()).as(second.err()).isZero();
    assertThat(second.err()).contains("Resuming " + file + " after line 20");
    assertThat(node.officer.imported)
        .extracting(ImportItem::getLine)
        .containsExactlyElementsOf(IntStream.rangeClosed(21, 50).mapToObj(i -> (long) i).toList());
    assertThat(new ImportState(file).lastAcknowledgedLine()).isEqualTo(50);
  }

  @Test
  void import_restart_ignoresTheSavedState() throws Exception {
    write(good(1), good(2), good(3));
    new ImportState(file).save(2, "elsewhere:1");

    CliRun run = CliRun.of(node.connectAs("us.ice"), "import", "--restart", file.toString());

    assertThat(run.exit()).isZero();
    assertThat(node.officer.imported).extracting(ImportItem::getLine).containsExactly(1L, 2L, 3L);
  }

  @Test
  void import_json_printsEveryBatchAcknowledgement() throws Exception {
    write(good(1), "{}", good(3));

    CliRun run =
        CliRun.of(
            node.connectAs("us.ice"), "import", "--json", "--batch-lines", "2", file.toString());

    assertThat(run.exit()).isEqualTo(ImportCommand.REJECTED_LINES);
    assertThat(run.out().lines().toList())
        .containsExactly(
            "{\"first_line\":\"1\",\"last_line\":\"2\",\"accepted\":1,\"rejected\":[{\"line\":\"2\",\"reason\":\"INVALID_ARGUMENT\",\"message\":\"the line has no \\\"kind\\\" field\"}]}",
            "{\"first_line\":\"3\",\"last_line\":\"3\",\"accepted\":1}");
  }

  @Test
  void import_manyLines_flowsThroughWithFlowControl() throws Exception {
    List<String> lines = new ArrayList<>();
    IntStream.rangeClosed(1, 5_000).forEach(i -> lines.add(good(i)));
    Files.write(file, lines);

    CliRun run = CliRun.of(node.connectAs("us.ice"), "import", file.toString());

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(node.officer.imported).hasSize(5_000);
    assertThat(new ImportState(file).lastAcknowledgedLine()).isEqualTo(5_000);
  }

  @Test
  void import_missingFile_isAUsageError() {
    CliRun run =
        CliRun.of(node.connectAs("us.ice"), "import", dir.resolve("nope.jsonl").toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("Cannot read");
  }
}

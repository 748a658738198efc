package org.liaison.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.liaison.wire.v1.ImportAck;
import org.liaison.wire.v1.ImportFileRequest;
import org.liaison.wire.v1.ImportProgress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "import",
    description = {
      "Import a JSON Lines file (cases, subjects, records) into your node.",
      "The import resumes where it stopped: FILE.import-state records the last acknowledged line.",
      "Lines travel in batches, each stored in one transaction by the node.",
      "Rejected lines are reported with their line number and reason.",
      "--json prints one acknowledgement per batch (lines, accepted count, rejected lines).",
      "Exit code 3 if any line was rejected."
    })
final class ImportCommand extends NodeCommand {

  /** Exit code when the import ran to the end but the node rejected some lines. */
  static final int REJECTED_LINES = 3;

  @Parameters(index = "0", paramLabel = "FILE", description = "The JSON Lines file.")
  Path file;

  @Option(
      names = "--restart",
      description = "Ignore the saved state and import from the first line.")
  boolean restart;

  @Option(
      names = "--on-node",
      description =
          "FILE is a file in the node's import folder (liaison.import.dir): the node reads it"
              + " itself, batch by batch, and reports progress.")
  boolean onNode;

  @Option(
      names = "--after-line",
      defaultValue = "0",
      description = "With --on-node: resume after this line (as reported by an earlier run).")
  long afterLine;

  @Option(
      names = "--batch-lines",
      defaultValue = "2000",
      description =
          "Lines per batch (1-10000; default ${DEFAULT-VALUE}): the node stores each batch in one"
              + " transaction and acknowledges it whole; the resume point moves batch by batch.")
  int batchLines;

  @Option(
      names = "--progress",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description = "Show a progress bar on stderr (only on a terminal, never with --json).")
  boolean progress;

  @Override
  int run(NodeClient client) {
    if (onNode) {
      return onNode(client);
    }
    if (!Files.isReadable(file)) {
      throw usage("Cannot read " + file + ".");
    }
    if (batchLines < 1 || batchLines > 10_000) {
      throw usage("--batch-lines must be from 1 to 10000.");
    }
    ImportState state = new ImportState(file);
    long after = restart ? 0 : state.lastAcknowledgedLine();
    long total = countLines(file);
    if (after > 0 && !json) {
      err()
          .println(
              "Resuming "
                  + file
                  + " after line "
                  + after
                  + " ("
                  + state.path().getFileName()
                  + "; --restart to start over).");
      err().flush();
    }
    List<ImportAck> rejected = new ArrayList<>();
    long[] lastSaved = {System.nanoTime()};
    ImportUpload.Outcome outcome;
    try (ProgressBar bar = progressBar(total, after)) {
      outcome =
          new ImportUpload(batchLines)
              .run(
                  client,
                  file,
                  after,
                  (ack, watermark) -> {
                    synchronized (rejected) {
                      rejected.addAll(ack.getRejectedList());
                      if (json) {
                        out().println(Json.line(ack));
                        out().flush();
                      }
                      if (bar != null) bar.stepTo(watermark);
                      if (System.nanoTime() - lastSaved[0] > 250_000_000L) {
                        state.save(watermark, address());
                        lastSaved[0] = System.nanoTime();
                      }
                    }
                  });
      state.save(outcome.watermark(), address());
      if (bar != null) bar.stepTo(outcome.watermark());
    }
    if (!json) {
      for (ImportAck r : rejected) {
        out().println("line " + r.getLine() + " rejected: " + reasonAndMessage(r));
      }
      out()
          .println(
              "Imported "
                  + outcome.accepted()
                  + " of "
                  + outcome.sent()
                  + " lines sent from "
                  + file
                  + (outcome.rejected() > 0 ? " (" + outcome.rejected() + " rejected)" : "")
                  + "; acknowledged up to line "
                  + outcome.watermark()
                  + " of "
                  + total
                  + ".");
      out().flush();
    }
    if (outcome.failure() != null) {
      // the state file keeps the resume point; the handler prints the reason and exits 1
      throw outcome.failure();
    }
    return outcome.rejected() > 0 ? REJECTED_LINES : 0;
  }

  private int onNode(NodeClient client) {
    Iterator<ImportProgress> progress =
        client
            .blocking()
            .importFile(
                ImportFileRequest.newBuilder()
                    .setFile(file.toString())
                    .setAfterLine(afterLine)
                    .build());
    ImportProgress last = ImportProgress.getDefaultInstance();
    ProgressBar bar = null;
    try {
      while (progress.hasNext()) {
        last = progress.next();
        if (json) {
          out().println(Json.line(last));
          out().flush();
        } else {
          for (ImportAck r : last.getRejectedList()) {
            out().println("line " + r.getLine() + " rejected: " + reasonAndMessage(r));
          }
        }
        if (bar == null) bar = progressBar(last.getTotalLines(), afterLine);
        if (bar != null) bar.stepTo(last.getLastLine());
      }
    } finally {
      if (bar != null) bar.close();
    }
    if (!json) {
      out()
          .println(
              "The node imported "
                  + last.getAccepted()
                  + " lines of "
                  + file
                  + (last.getRejectedTotal() > 0
                      ? " (" + last.getRejectedTotal() + " rejected)"
                      : "")
                  + "; committed up to line "
                  + last.getLastLine()
                  + " of "
                  + last.getTotalLines()
                  + ".");
      out().flush();
    }
    return last.getRejectedTotal() > 0 ? REJECTED_LINES : 0;
  }

  private static String reasonAndMessage(ImportAck r) {
    String reason = r.getReasonValue() == 0 ? "" : r.getReason().name();
    if (reason.isEmpty()) return r.getMessage().isEmpty() ? "no reason given" : r.getMessage();
    return r.getMessage().isEmpty() ? reason : reason + ": " + r.getMessage();
  }

  private ProgressBar progressBar(long total, long start) {
    if (json || !progress || System.console() == null) {
      return null;
    }
    return new ProgressBarBuilder()
        .setTaskName("import")
        .setInitialMax(total)
        .startsFrom(start, java.time.Duration.ZERO)
        .setStyle(ProgressBarStyle.ASCII)
        .setConsumer(new ConsoleProgressBarConsumer(System.err))
        .setUnit(" lines", 1)
        .build();
  }

  private static long countLines(Path file) {
    try (Stream<String> lines = Files.lines(file)) {
      return lines.count();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }
}

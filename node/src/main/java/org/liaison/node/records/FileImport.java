package org.liaison.node.records;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Imports a JSON Lines file the node reads itself, in batches ({@link BatchImport}), reporting
 * after every batch: the resume point is the last line of the last batch reported.
 */
@ApplicationScoped
public class FileImport {
  /** Lines per batch; a batch is one transaction. */
  static final int BATCH_LINES = 2000;

  /** A batch's progress: the lines up to {@code lastLine} are committed or rejected. */
  public record Progress(
      long lastLine, long accepted, long rejectedTotal, List<ImportResult> rejected) {}

  /** Receives progress after each batch; returns false to stop the import after that batch. */
  public interface Listener {
    boolean progress(Progress p);
  }

  @Inject BatchImport batches;

  /**
   * Imports the lines after {@code afterLine}.
   *
   * @return the last progress (the end of the file, or where the listener stopped it)
   * @throws IOException when the file cannot be read
   */
  public Progress importFile(Path jsonl, long afterLine, Listener listener) throws IOException {
    long accepted = 0;
    long rejected = 0;
    long number = 0;
    Progress last = new Progress(afterLine, 0, 0, List.of());
    List<BatchImport.Item> batch = new ArrayList<>(BATCH_LINES);
    try (BufferedReader reader = Files.newBufferedReader(jsonl, StandardCharsets.UTF_8)) {
      for (String line = reader.readLine(); ; line = reader.readLine()) {
        if (line != null) {
          number++;
          if (number <= afterLine || line.isBlank()) {
            continue;
          }
          batch.add(new BatchImport.Item(number, line));
        }
        if (batch.size() == BATCH_LINES || (line == null && !batch.isEmpty())) {
          BatchImport.Outcome o = batches.importBatch(batch);
          accepted += o.accepted();
          rejected += o.rejected().size();
          long through = line == null ? number : batch.get(batch.size() - 1).line();
          last = new Progress(through, accepted, rejected, o.rejected());
          batch.clear();
          if (!listener.progress(last)) {
            return last;
          }
        }
        if (line == null) {
          return new Progress(number, accepted, rejected, List.of());
        }
      }
    }
  }

  public static long countLines(Path jsonl) throws IOException {
    try (var lines = Files.lines(jsonl, StandardCharsets.UTF_8)) {
      return lines.count();
    }
  }
}

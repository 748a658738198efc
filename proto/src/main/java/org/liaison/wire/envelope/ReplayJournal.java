package org.liaison.wire.envelope;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The accepted message ids of a {@link ReplayGuard} on disk: one line per id, {@code <id>
 * <forget-at-ms>}, appended and flushed to the operating system before the id is accepted (so it
 * survives the process; a power cut may lose the last lines, see decision 0012). Lines whose time
 * has passed are dropped when the file is rewritten, which happens once it holds twice as many
 * lines as live ids (and at least {@value #MIN_COMPACT} lines), so the file stays bounded by the
 * ids of one envelope lifetime. A torn last line (a crash mid-write) is ignored.
 */
final class ReplayJournal {
  private static final Logger LOG = Logger.getLogger(ReplayJournal.class.getName());
  static final int MIN_COMPACT = 10_000;

  private final Path file;
  private final Clock clock;
  private BufferedWriter out;
  private int lines;

  private ReplayJournal(Path file, Clock clock) {
    this.file = file;
    this.clock = clock;
  }

  static ReplayJournal open(Path file, Clock clock) throws IOException {
    ReplayJournal j = new ReplayJournal(file, clock);
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    j.compact(j.read());
    return j;
  }

  /** The ids that have not aged out, with their forget-at time. */
  Map<String, Long> live() throws IOException {
    return read();
  }

  private Map<String, Long> read() throws IOException {
    Map<String, Long> live = new HashMap<>();
    if (!Files.exists(file)) {
      return live;
    }
    long now = clock.millis();
    List<String> all = Files.readAllLines(file, StandardCharsets.US_ASCII);
    for (String line : all) {
      int space = line.indexOf(' ');
      if (space <= 0) {
        continue;
      }
      try {
        long at = Long.parseLong(line.substring(space + 1).trim());
        if (at >= now) {
          live.put(line.substring(0, space), at);
        }
      } catch (NumberFormatException torn) {
        // a line cut short by a crash: its envelope was never accepted
      }
    }
    return live;
  }

  /** Appends one id; false if it could not be written (the caller then refuses the envelope). */
  boolean append(String id, long forgetAtMs) {
    try {
      out.write(id);
      out.write(' ');
      out.write(Long.toString(forgetAtMs));
      out.write('\n');
      out.flush();
      lines++;
      return true;
    } catch (IOException e) {
      LOG.warning("cannot record message id in " + file + ": " + e.getMessage());
      return false;
    }
  }

  void compactIfWorthIt(Map<String, Long> live) {
    if (lines < MIN_COMPACT || lines < 2 * live.size()) {
      return;
    }
    try {
      compact(live);
    } catch (IOException e) {
      // the old file is intact (the rewrite goes to a temporary file first); appends go on
      LOG.warning("cannot rewrite the replay journal " + file + ": " + e.getMessage());
      lines = 0;
      try {
        out =
            Files.newBufferedWriter(
                file,
                StandardCharsets.US_ASCII,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
      } catch (IOException again) {
        LOG.warning("cannot reopen the replay journal " + file + ": " + again.getMessage());
      }
    }
  }

  private void compact(Map<String, Long> live) throws IOException {
    if (out != null) {
      out.close();
    }
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.US_ASCII)) {
      for (Map.Entry<String, Long> e : live.entrySet()) {
        w.write(e.getKey() + " " + e.getValue() + "\n");
      }
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    lines = live.size();
    out =
        Files.newBufferedWriter(
            file, StandardCharsets.US_ASCII, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }
}

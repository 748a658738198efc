package org.liaison.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * The resume point of an import: {@code FILE.import-state} records the last line up to which every
 * line was acknowledged by the node, so a second run starts right after it.
 */
final class ImportState {

  private static final String LAST_LINE = "last-acknowledged-line";

  private final Path file;

  ImportState(Path importedFile) {
    this.file = importedFile.resolveSibling(importedFile.getFileName() + ".import-state");
  }

  Path path() {
    return file;
  }

  /** The last acknowledged line, 0 if there is no state yet. */
  long lastAcknowledgedLine() {
    if (!Files.exists(file)) {
      return 0;
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the import state " + file, e);
    }
    try {
      return Long.parseLong(p.getProperty(LAST_LINE, "0").strip());
    } catch (NumberFormatException e) {
      throw new IllegalStateException(
          "The import state "
              + file
              + " is damaged ("
              + LAST_LINE
              + " is not a number); use --restart.",
          e);
    }
  }

  /** Writes the resume point atomically, so an interrupted run never leaves half a file. */
  void save(long lastAcknowledgedLine, String node) {
    Properties p = new Properties();
    p.setProperty(LAST_LINE, Long.toString(lastAcknowledgedLine));
    p.setProperty("node", node);
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        p.store(w, "liaison import: lines up to " + LAST_LINE + " were acknowledged by the node");
      }
      try {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the import state " + file, e);
    }
  }
}

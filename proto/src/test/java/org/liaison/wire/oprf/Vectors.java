package org.liaison.wire.oprf;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the official vectors through {@code -Dliaison.vectors}; skips visibly when absent. */
final class Vectors {
  private Vectors() {}

  static JsonNode load(String relative) {
    String dir = System.getProperty("liaison.vectors");
    Path file = dir == null ? null : Path.of(dir).resolve(relative);
    boolean present = file != null && Files.isRegularFile(file);
    if (!present) {
      System.err.println(
          "SKIPPED: official vectors not found (liaison.vectors="
              + dir
              + ", needs "
              + relative
              + ")");
    }
    assumeTrue(
        present,
        "official vectors not found: set -Dliaison.vectors to the vectors folder (needs "
            + relative
            + ")");
    try {
      return new ObjectMapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

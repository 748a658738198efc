package org.liaison.wire.oprf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the official vectors, which ship as test resources ({@code src/test/resources/vectors},
 * source and licence in its README); {@code -Dliaison.vectors=<folder>} reads another copy.
 */
final class Vectors {
  private Vectors() {}

  static JsonNode load(String relative) {
    String dir = System.getProperty("liaison.vectors", "src/test/resources/vectors");
    Path file = Path.of(dir).resolve(relative);
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException(
          "official vector file "
              + file.toAbsolutePath()
              + " is missing; it ships in proto/src/test/resources/vectors");
    }
    try {
      return new ObjectMapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

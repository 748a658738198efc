package org.liaison.wire.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bouncycastle.util.encoders.Hex;

/**
 * Reads the official vectors, which ship as test resources ({@code src/test/resources/vectors},
 * source and licence in its README); {@code -Dliaison.vectors=<folder>} reads another copy.
 */
final class Vectors {

  private Vectors() {}

  static JsonNode load(String relative) throws IOException {
    return new ObjectMapper().readTree(file(relative).toFile());
  }

  /** The vector file; a missing file is a broken checkout, so it fails rather than skips. */
  static Path file(String relative) {
    String dir = System.getProperty("liaison.vectors", "src/test/resources/vectors");
    Path file = Path.of(dir).resolve(relative);
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException(
          "official vector file "
              + file.toAbsolutePath()
              + " is missing; it ships in proto/src/test/resources/vectors");
    }
    return file;
  }

  static byte[] hex(JsonNode node) {
    return Hex.decode(node.asText());
  }
}

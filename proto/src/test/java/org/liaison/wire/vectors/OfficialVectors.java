package org.liaison.wire.vectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bouncycastle.util.encoders.Hex;

/**
 * Reads the official vectors, which ship as test resources ({@code src/test/resources/vectors},
 * source and licence in its README); {@code -Dliaison.vectors=<folder>} reads another copy. The one
 * reader of them for the crypto, OPRF and hash-to-curve tests.
 */
public final class OfficialVectors {

  private OfficialVectors() {}

  public static JsonNode load(String relative) {
    try {
      return new ObjectMapper().readTree(file(relative).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The vector file; a missing file is a broken checkout, so it fails rather than skips. */
  public static Path file(String relative) {
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

  public static byte[] hex(JsonNode node) {
    return Hex.decode(node.asText());
  }
}

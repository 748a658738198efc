package org.liaison.wire.crypto;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bouncycastle.util.encoders.Hex;

/** Finds the official vectors through the system property {@code liaison.vectors}. */
final class Vectors {

  private Vectors() {}

  /** Parses a vector file, or skips the test visibly when the folder is not there. */
  static JsonNode load(String relative) throws IOException {
    String dir = System.getProperty("liaison.vectors");
    assumeTrue(dir != null, "SKIPPED: system property liaison.vectors is not set");
    Path file = Path.of(dir).resolve(relative);
    assumeTrue(
        Files.isRegularFile(file),
        "SKIPPED: vector file " + file + " not found (set -Dliaison.vectors=<folder>)");
    return new ObjectMapper().readTree(file.toFile());
  }

  static byte[] hex(JsonNode node) {
    return Hex.decode(node.asText());
  }
}

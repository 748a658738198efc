package org.liaison.wire.journal;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.liaison.wire.v1.AuditEntry;

/**
 * The one definition of a node's {@value #NAME} (decision 0055): the requests it sent whose {@code
 * SENT} entry waits for their answer's. Lines: {@code I <message id> <base64 of the entry's header
 * facts>} for an intent, {@code S <message id>} once it is settled. A last line without its newline
 * was cut short by a crash (its force never returned, so its request never left) and is not read.
 * The node writes it (through {@link GroupForcedFile}) and reads it at start; tests read it to find
 * a request in flight.
 */
public final class IntentFile {
  /** The file's name in a node's data directory. */
  public static final String NAME = "sent-intents.log";

  private IntentFile() {}

  /** One intent line as it is on the disk, newline included. */
  public record Line(String messageId, byte[] bytes) {
    /**
     * The entry's header facts the line holds.
     *
     * @throws IllegalArgumentException when the line does not hold an entry
     */
    public AuditEntry entry() {
      String text = new String(bytes, StandardCharsets.US_ASCII).trim();
      try {
        return AuditEntry.parseFrom(
            Base64.getDecoder().decode(text.substring(text.lastIndexOf(' ') + 1)));
      } catch (InvalidProtocolBufferException e) {
        throw new IllegalArgumentException(
            "the intent of message " + messageId + " is not an entry", e);
      }
    }
  }

  /** The line that records {@code facts} as the intent of message {@code messageId}. */
  public static Line intent(String messageId, AuditEntry facts) {
    return new Line(
        messageId,
        ("I " + messageId + " " + Base64.getEncoder().encodeToString(facts.toByteArray()) + '\n')
            .getBytes(StandardCharsets.US_ASCII));
  }

  /** The line that marks the intent of message {@code messageId} settled. */
  public static byte[] settled(String messageId) {
    return ("S " + messageId + '\n').getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * The intents of {@code file} not marked settled, in the order they were recorded; none when the
   * file does not exist.
   */
  public static List<Line> unsettled(Path file) throws IOException {
    Map<String, Line> open = new LinkedHashMap<>();
    for (String line : complete(file)) {
      String[] parts = line.split(" ", -1);
      if (parts.length == 2 && parts[0].equals("S")) {
        open.remove(parts[1]);
      } else if (parts.length == 3 && parts[0].equals("I")) {
        open.put(parts[1], new Line(parts[1], (line + '\n').getBytes(StandardCharsets.US_ASCII)));
      }
    }
    return new ArrayList<>(open.values());
  }

  private static List<String> complete(Path file) throws IOException {
    if (!Files.exists(file)) {
      return List.of();
    }
    String text = Files.readString(file, StandardCharsets.US_ASCII);
    int end = text.lastIndexOf('\n');
    return end < 0 ? List.of() : List.of(text.substring(0, end).split("\n"));
  }
}

package org.liaison.wire.audit;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.liaison.wire.v1.AuditBundle;
import org.liaison.wire.v1.AuditRecord;
import org.liaison.wire.v1.SignedAuditCheckpoint;

/**
 * The bundle file ({@link AuditBundles}: the protobuf JSON of an {@link AuditBundle}) written and
 * read a part at a time, so that the log of an agency, tens of millions of entries, never has to
 * sit in memory whole: an export is written as its parts arrive and verified as it is read.
 */
public final class AuditBundleFile {
  /** Records per part handed to the reader's consumer. */
  public static final int PART_RECORDS = 2_000;

  // indented, so that a person can read the file (an oversight body does)
  private static final JsonFormat.Printer PRINTER =
      JsonFormat.printer().preservingProtoFieldNames();
  private static final JsonFormat.Parser PARSER = JsonFormat.parser();
  private static final String RECORDS = "records";

  private AuditBundleFile() {}

  /**
   * Writes the parts of an export, in order, as one bundle file: the first part's header and
   * certificates, every part's records, the last checkpoint seen.
   */
  public static final class Writer implements Consumer<AuditBundle>, Closeable {
    private final java.io.Writer out;
    private boolean started;
    private long records;
    private SignedAuditCheckpoint checkpoint;

    private Writer(java.io.Writer out) {
      this.out = out;
    }

    public static Writer create(Path file) throws IOException {
      return new Writer(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
    }

    /** A writer to a stream (a download, say); closing the writer closes the stream. */
    public static Writer to(OutputStream out) {
      return new Writer(
          new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16));
    }

    /** Takes the next part; fails unchecked if the file cannot be written. */
    @Override
    public void accept(AuditBundle part) {
      try {
        if (!started) {
          header(part);
        } else if (part.getCertificatesCount() > 0) {
          throw new IllegalArgumentException(
              "an export's certificates come in its first part, not in part " + records);
        }
        for (AuditRecord r : part.getRecordsList()) {
          out.write(records++ > 0 ? ",\n" : "\n");
          out.write(print(r));
        }
        if (part.hasCheckpoint()) {
          checkpoint = part.getCheckpoint();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private void header(AuditBundle first) throws IOException {
      String header = print(first.toBuilder().clearRecords().clearCheckpoint().build()); // "{...}"
      out.write(header, 0, header.length() - 1);
      out.write(header.length() > 2 ? ",\"" + RECORDS + "\":[" : "\"" + RECORDS + "\":[");
      started = true;
    }

    /** The records written so far. */
    public long records() {
      return records;
    }

    @Override
    public void close() throws IOException {
      try {
        if (!started) {
          header(AuditBundle.getDefaultInstance());
        }
        out.write("]");
        if (checkpoint != null) {
          out.write(",\n  \"checkpoint\": ");
          out.write(print(checkpoint));
        }
        out.write("\n}\n");
      } finally {
        out.close();
      }
    }
  }

  /**
   * Reads a bundle file as parts: first the header with the certificates (no records), then the
   * records {@link #PART_RECORDS} at a time, last the final checkpoint. The file is read twice,
   * since the certificates a reader needs first may follow the records (as {@link
   * AuditBundles#toJson} writes them). A file that is not a bundle fails with a sentence saying so.
   */
  public static void read(Path file, Consumer<AuditBundle> parts) throws IOException {
    try {
      AuditBundle header = header(file);
      parts.accept(header.toBuilder().clearCheckpoint().build());
      records(file, parts);
      if (header.hasCheckpoint()) {
        parts.accept(AuditBundle.newBuilder().setCheckpoint(header.getCheckpoint()).build());
      }
    } catch (IOException | JsonParseException | IllegalStateException e) {
      throw new IOException(file + " is not an audit bundle: " + e.getMessage(), e);
    }
  }

  private static AuditBundle header(Path file) throws IOException {
    JsonObject header = new JsonObject();
    try (JsonReader in = open(file)) {
      in.beginObject();
      while (in.hasNext()) {
        String name = in.nextName();
        if (name.equals(RECORDS)) {
          in.skipValue();
        } else {
          header.add(name, JsonParser.parseReader(in));
        }
      }
      in.endObject();
      expectEnd(in);
    }
    AuditBundle.Builder b = AuditBundle.newBuilder();
    PARSER.merge(header.toString(), b);
    return b.build();
  }

  private static void records(Path file, Consumer<AuditBundle> parts) throws IOException {
    try (JsonReader in = open(file)) {
      in.beginObject();
      while (in.hasNext()) {
        if (!in.nextName().equals(RECORDS)) {
          in.skipValue();
          continue;
        }
        in.beginArray();
        AuditBundle.Builder part = AuditBundle.newBuilder();
        while (in.hasNext()) {
          JsonElement record = JsonParser.parseReader(in);
          AuditRecord.Builder r = AuditRecord.newBuilder();
          PARSER.merge(record.toString(), r);
          part.addRecords(r);
          if (part.getRecordsCount() == PART_RECORDS) {
            parts.accept(part.build());
            part = AuditBundle.newBuilder();
          }
        }
        in.endArray();
        if (part.getRecordsCount() > 0) {
          parts.accept(part.build());
        }
      }
      in.endObject();
    }
  }

  private static JsonReader open(Path file) throws IOException {
    Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
    return new JsonReader(r);
  }

  private static void expectEnd(JsonReader in) throws IOException {
    if (in.peek() != JsonToken.END_DOCUMENT) {
      throw new IOException("text follows the bundle's closing brace");
    }
  }

  private static String print(MessageOrBuilder m) throws InvalidProtocolBufferException {
    return PRINTER.print(m);
  }
}

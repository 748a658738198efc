package org.liaison.wire.audit;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import org.liaison.wire.v1.AuditBundle;

/** The bundle file: the protobuf JSON mapping of {@link AuditBundle} (bytes are base64). */
public final class AuditBundles {
  public static final String FORMAT = "liaison-audit-bundle/1";

  private AuditBundles() {}

  /** The bundle whose parts an export streamed, in order. */
  public static AuditBundle join(Iterator<AuditBundle> parts) {
    AuditBundle.Builder b = AuditBundle.newBuilder();
    parts.forEachRemaining(b::mergeFrom);
    return b.build();
  }

  public static String toJson(AuditBundle bundle) {
    try {
      return JsonFormat.printer().preservingProtoFieldNames().print(bundle);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("an audit bundle has no Any fields", e);
    }
  }

  public static AuditBundle fromJson(String json) throws InvalidProtocolBufferException {
    AuditBundle.Builder b = AuditBundle.newBuilder();
    JsonFormat.parser().merge(json, b);
    return b.build();
  }

  public static void write(Path file, AuditBundle bundle) throws IOException {
    Files.writeString(file, toJson(bundle), StandardCharsets.UTF_8);
  }

  /** Reads a bundle file; a file that is not a bundle fails with a sentence saying so. */
  public static AuditBundle read(Path file) throws IOException {
    try {
      return fromJson(Files.readString(file, StandardCharsets.UTF_8));
    } catch (InvalidProtocolBufferException e) {
      throw new IOException(file + " is not an audit bundle: " + e.getMessage(), e);
    }
  }
}

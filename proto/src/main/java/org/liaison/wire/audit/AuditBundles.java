package org.liaison.wire.audit;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import java.io.IOException;
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

  /** Writes a bundle held in memory; an export of any size goes through {@link AuditBundleFile}. */
  public static void write(Path file, AuditBundle bundle) throws IOException {
    try (AuditBundleFile.Writer w = AuditBundleFile.Writer.create(file)) {
      w.accept(bundle);
    }
  }

  /** Reads a bundle file whole; a file that is not a bundle fails with a sentence saying so. */
  public static AuditBundle read(Path file) throws IOException {
    AuditBundle.Builder b = AuditBundle.newBuilder();
    AuditBundleFile.read(file, b::mergeFrom);
    return b.build();
  }
}

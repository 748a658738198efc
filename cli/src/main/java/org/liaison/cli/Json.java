package org.liaison.cli;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;

/** One protobuf message as one line of JSON (JSON Lines output for scripts). */
final class Json {

  private static final JsonFormat.Printer PRINTER =
      JsonFormat.printer().omittingInsignificantWhitespace().preservingProtoFieldNames();

  private Json() {}

  static String line(MessageOrBuilder message) {
    try {
      return PRINTER.print(message);
    } catch (InvalidProtocolBufferException e) {
      // only Any fields with unknown types fail, and the officer API has none
      throw new IllegalStateException(
          "Cannot print " + message.getClass().getSimpleName() + " as JSON", e);
    }
  }
}

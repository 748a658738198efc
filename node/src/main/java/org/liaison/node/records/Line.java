package org.liaison.node.records;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ProtocolMessageEnum;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.liaison.wire.vocabulary.Vocabulary;

/**
 * Reads the fields of one JSON object of the import format, rejecting with a sentence that names
 * the item and the field ("record ice-r-3: 'case' is missing").
 */
final class Line {
  private final JsonNode node;
  private final String what;

  Line(JsonNode node, String what) {
    this.node = node;
    this.what = what;
  }

  JsonNode node() {
    return node;
  }

  String what() {
    return what;
  }

  ImportRejection invalid(String problem) {
    return ImportRejection.invalid(what + ": " + problem);
  }

  void allowOnly(Set<String> fields) {
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!fields.contains(name)) {
        throw invalid(
            "unknown field '"
                + name
                + "' (known fields: "
                + String.join(", ", new java.util.TreeSet<>(fields))
                + ")");
      }
    }
  }

  String text(String field) {
    String value = optionalText(field);
    if (value == null) {
      throw invalid("'" + field + "' is missing");
    }
    return value;
  }

  String optionalText(String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isValueNode()) {
      throw invalid("'" + field + "' must be text");
    }
    String text = value.asText().trim();
    return text.isEmpty() ? null : text;
  }

  /** A required code of the vocabulary ({@link Vocabulary}), e.g. a record category. */
  <E extends Enum<E> & ProtocolMessageEnum> E code(String field, Class<E> vocabulary) {
    String text = optionalText(field);
    if (text == null) {
      throw invalid("'" + field + "' is missing");
    }
    return Vocabulary.parse(vocabulary, text)
        .orElseThrow(
            () ->
                invalid(
                    "'"
                        + field
                        + "' is "
                        + text
                        + "; use one of "
                        + String.join(", ", Vocabulary.codes(vocabulary))));
  }

  <E extends Enum<E>> E enumValue(String field, Class<E> type, E fallback) {
    String text = optionalText(field);
    if (text == null) {
      if (fallback == null) {
        throw invalid("'" + field + "' is missing");
      }
      return fallback;
    }
    try {
      return Enum.valueOf(type, text.toUpperCase(Locale.ROOT).replace('+', '_'));
    } catch (IllegalArgumentException e) {
      throw invalid(
          "'"
              + field
              + "' is "
              + text
              + "; use one of "
              + java.util.Arrays.toString(type.getEnumConstants()));
    }
  }

  LocalDate date(String field) {
    String text = optionalText(field);
    if (text == null) {
      return null;
    }
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw invalid("'" + field + "' is " + text + ", not an ISO-8601 date such as 1979-03-14");
    }
  }

  OffsetDateTime dateTime(String field) {
    String text = text(field);
    try {
      return OffsetDateTime.parse(text);
    } catch (DateTimeParseException e) {
      throw invalid(
          "'"
              + field
              + "' is "
              + text
              + ", not an ISO-8601 date-time with offset such as 2026-06-12T06:00:00-04:00");
    }
  }

  double number(String field, double min, double max) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw invalid("'" + field + "' is missing");
    }
    if (!value.isNumber() || value.asDouble() < min || value.asDouble() > max) {
      throw invalid("'" + field + "' must be a number from " + min + " to " + max);
    }
    return value.asDouble();
  }

  List<String> texts(String field) {
    List<String> texts = new ArrayList<>();
    for (JsonNode item : items(field, "an array of text")) {
      if (!item.isTextual() || item.asText().isBlank()) {
        throw invalid("'" + field + "' must be an array of text");
      }
      texts.add(item.asText().trim());
    }
    return texts;
  }

  /** An array field (possibly absent: empty). */
  List<JsonNode> array(String field) {
    return items(field, "an array");
  }

  /**
   * The items of an array field, none when it is absent or null; anything else is not {@code what}.
   */
  private List<JsonNode> items(String field, String what) {
    JsonNode value = node.get(field);
    List<JsonNode> items = new ArrayList<>();
    if (value == null || value.isNull()) {
      return items;
    }
    if (!value.isArray()) {
      throw invalid("'" + field + "' must be " + what);
    }
    value.forEach(items::add);
    return items;
  }
}

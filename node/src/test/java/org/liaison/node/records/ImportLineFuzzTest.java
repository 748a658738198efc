package org.liaison.node.records;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;
import org.liaison.wire.v1.Reason;

/**
 * Fuzzes the JSON Lines import line up to the database: {@link ImportService#importLine} for every
 * line it refuses before storage (not JSON, not an object, no or unknown "kind"), and for lines of
 * the four kinds, the field readers every importer validates with ({@link Line}: unknown fields,
 * text, enums, dates, date-times, numbers, arrays) and each importer's id. The lines are JSON
 * objects built from the import format's own field names with fuzzed values of every JSON type, or
 * raw text. A line is refused only with a result (INVALID_ARGUMENT and a sentence starting with its
 * line number) or an {@link ImportRejection} naming the item; nothing else escapes. The parts that
 * look up and store cases, subjects and records run against the database in the import tests.
 */
class ImportLineFuzzTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ImportService SERVICE = new ImportService(null, JSON);
  private static final List<LineImporter> IMPORTERS =
      List.of(new CaseLines(), new SubjectLines(), new RecordLines(JSON), new OperationLines());
  private static final Set<String> KINDS = Set.of("case", "subject", "record", "operation");
  private static final List<String> FIELDS =
      List.of(
          "kind",
          "id",
          "case",
          "caseNumber",
          "agency",
          "agent",
          "name",
          "phone",
          "email",
          "crimeCategories",
          "status",
          "opened",
          "closed",
          "type",
          "dateOfBirth",
          "identifiers",
          "value",
          "country",
          "category",
          "originator",
          "body",
          "subjects",
          "tlp",
          "handling",
          "handlingConditions",
          "evaluation",
          "retainUntil",
          "latitude",
          "longitude",
          "radiusMetres",
          "start",
          "end",
          "address",
          "unknown");
  private static final List<String> KIND_VALUES =
      List.of("case", "subject", "record", "operation", "CASE", "", "other");

  @FuzzTest(maxDuration = "5m")
  void importLine(FuzzedDataProvider data) {
    long number = data.consumeLong(1, Long.MAX_VALUE);
    String line = data.consumeBoolean() ? object(data).toString() : data.consumeRemainingAsString();
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      node = null;
    }
    String kind =
        node != null && node.isObject() && node.has("kind") ? node.get("kind").asText() : null;
    if (kind == null || !KINDS.contains(kind)) {
      ImportResult r = SERVICE.importLine(number, line);
      assertThat(r.accepted()).isFalse();
      assertThat(r.reason()).isEqualTo(Reason.INVALID_ARGUMENT);
      assertThat(r.line()).isEqualTo(number);
      assertThat(r.message()).startsWith("line " + number + ": ");
      return;
    }
    LineImporter importer = IMPORTERS.stream().filter(i -> i.kind().equals(kind)).findFirst().get();
    String what = kind + " line";
    Line l = new Line(node, what);
    refusedOnlyWithASentence(what, () -> importer.idOf(l));
    refusedOnlyWithASentence(what, () -> l.allowOnly(Set.copyOf(FIELDS.subList(0, 20))));
    for (String field : FIELDS) {
      refusedOnlyWithASentence(what, () -> l.text(field));
      refusedOnlyWithASentence(what, () -> l.enumValue(field, Reason.class, null));
      refusedOnlyWithASentence(what, () -> l.date(field));
      refusedOnlyWithASentence(what, () -> l.dateTime(field));
      refusedOnlyWithASentence(what, () -> l.number(field, -90, 90));
      refusedOnlyWithASentence(what, () -> l.texts(field));
      refusedOnlyWithASentence(what, () -> l.array(field));
    }
  }

  private static void refusedOnlyWithASentence(String what, Runnable read) {
    try {
      read.run();
    } catch (ImportRejection e) {
      assertThat(e.reason()).isEqualTo(Reason.INVALID_ARGUMENT);
      assertThat(e.getMessage()).startsWith(what + ": ");
    }
  }

  /** A JSON object of the import format's field names with fuzzed values of any JSON type. */
  private static ObjectNode object(FuzzedDataProvider data) {
    ObjectNode o = JSON.createObjectNode();
    if (data.consumeBoolean()) {
      o.put("kind", KIND_VALUES.get(data.consumeInt(0, KIND_VALUES.size() - 1)));
    }
    int fields = data.consumeInt(0, 8);
    for (int i = 0; i < fields; i++) {
      o.set(FIELDS.get(data.consumeInt(0, FIELDS.size() - 1)), value(data, 2));
    }
    return o;
  }

  private static JsonNode value(FuzzedDataProvider data, int depth) {
    switch (data.consumeInt(0, depth > 0 ? 7 : 5)) {
      case 0:
        return JSON.getNodeFactory().textNode(data.consumeString(40));
      case 1:
        return JSON.getNodeFactory().numberNode(data.consumeDouble());
      case 2:
        return JSON.getNodeFactory().numberNode(data.consumeLong());
      case 3:
        return JSON.getNodeFactory().booleanNode(data.consumeBoolean());
      case 4:
        return JSON.getNodeFactory().nullNode();
      case 5:
        return JSON.getNodeFactory()
            .textNode(
                List.of(
                        "2026-06-12",
                        "2026-06-12T06:00:00-04:00",
                        "1979-03-14",
                        "PHONE",
                        "ACTIVE",
                        "+1 305 555 0142")
                    .get(data.consumeInt(0, 5)));
      case 6:
        ArrayNode a = JSON.createArrayNode();
        int n = data.consumeInt(0, 3);
        for (int i = 0; i < n; i++) {
          a.add(value(data, depth - 1));
        }
        return a;
      default:
        ObjectNode o = JSON.createObjectNode();
        int m = data.consumeInt(0, 3);
        for (int i = 0; i < m; i++) {
          o.set(FIELDS.get(data.consumeInt(0, FIELDS.size() - 1)), value(data, depth - 1));
        }
        return o;
    }
  }
}

package org.liaison.node.records;

import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;

/** "operation" lines: created, or updated in place (place, window, status) when the id is known. */
final class OperationLines extends CaseItemLines {
  static final Set<String> FIELDS =
      Set.of(
          "kind",
          "id",
          "case",
          "type",
          "latitude",
          "longitude",
          "radiusMetres",
          "address",
          "start",
          "end",
          "status");

  /** An operation line's own content, validated: what an operation row holds besides its case. */
  record Draft(
      String type,
      double latitude,
      double longitude,
      int radiusMetres,
      String address,
      Instant start,
      Instant end,
      OperationStatus status) {}

  OperationLines() {
    super("operation", FIELDS);
  }

  /**
   * Validates an operation line's own content (the batched and the line-by-line import both use
   * this).
   *
   * @throws ImportRejection when the content is not valid
   */
  static Draft draft(Line line) {
    String type = line.text("type").toUpperCase(Locale.ROOT);
    if (!type.matches("[A-Z][A-Z_]*")) {
      throw line.invalid("'type' is " + type + ", not a word such as SEARCH_WARRANT");
    }
    double latitude = line.number("latitude", -90, 90);
    double longitude = line.number("longitude", -180, 180);
    int radius = (int) Math.round(line.number("radiusMetres", 0, 100_000));
    Instant start = line.dateTime("start").toInstant();
    Instant end = line.dateTime("end").toInstant();
    if (!end.isAfter(start)) {
      throw line.invalid("'end' must be after 'start'");
    }
    OperationStatus status =
        line.enumValue("status", OperationStatus.class, OperationStatus.PLANNED);
    return new Draft(
        type, latitude, longitude, radius, line.optionalText("address"), start, end, status);
  }

  @Override
  Stored importItem(Line line, String id, CaseFile caseFile, EntityManager em) {
    Draft d = draft(line);
    Operation existing = LineImporter.byExternalId(em, Operation.class, id);
    Operation operation = existing != null ? existing : new Operation(id);
    operation.update(caseFile, d);
    if (existing == null) {
      em.persist(operation);
      return new Stored(id, "operation " + id + " imported");
    }
    return new Stored(id, "operation " + id + " updated");
  }
}

package org.liaison.node.records;

import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;

/** "operation" lines: created, or updated in place (place, window, status) when the id is known. */
final class OperationLines extends CaseItemLines {
  private static final Set<String> FIELDS =
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

  OperationLines() {
    super("operation", FIELDS);
  }

  @Override
  Stored importItem(Line line, String id, CaseFile caseFile, EntityManager em) {
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

    Operation existing = LineImporter.byExternalId(em, Operation.class, id);
    Operation operation = existing != null ? existing : new Operation(id);
    operation.update(
        caseFile,
        type,
        latitude,
        longitude,
        radius,
        line.optionalText("address"),
        start,
        end,
        status);
    if (existing == null) {
      em.persist(operation);
      return new Stored(id, "operation " + id + " imported");
    }
    return new Stored(id, "operation " + id + " updated");
  }
}

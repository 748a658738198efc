package org.liaison.node.records;

import jakarta.persistence.EntityManager;
import java.util.Set;

/**
 * Lines of an item filed under a case ("subject", "record", "operation"): each names the item's own
 * "id" and the "case" it is filed under, which must have been imported before it.
 */
abstract class CaseItemLines implements LineImporter {
  private final String kind;
  private final Set<String> fields;

  CaseItemLines(String kind, Set<String> fields) {
    this.kind = kind;
    this.fields = fields;
  }

  @Override
  public final String kind() {
    return kind;
  }

  @Override
  public final String idOf(Line line) {
    return line.optionalText("id");
  }

  @Override
  public final Stored importLine(Line line, EntityManager em) {
    line.allowOnly(fields);
    String id = line.text("id");
    CaseFile caseFile = LineImporter.caseByNumber(em, line.text("case"), line);
    return importItem(line, id, caseFile, em);
  }

  /** Stores the item {@code id} of {@code caseFile} the line describes (or finds it stored). */
  abstract Stored importItem(Line line, String id, CaseFile caseFile, EntityManager em);
}

package org.liaison.node.records;

import jakarta.persistence.EntityManager;
import java.util.HashSet;
import java.util.Set;

/** "subject" lines: a subject of a case with its identifiers; stored once per id. */
final class SubjectLines extends CaseItemLines {
  static final Set<String> FIELDS = fields();

  SubjectLines() {
    super("subject", FIELDS);
  }

  @Override
  Stored importItem(Line line, String id, CaseFile caseFile, EntityManager em) {
    Subject existing = LineImporter.byExternalId(em, Subject.class, id);
    if (existing != null) {
      return new Stored(id, "subject " + id + " already imported; unchanged");
    }
    SubjectFactory.create(line, id, caseFile, em);
    return new Stored(id, "subject " + id + " imported");
  }

  private static Set<String> fields() {
    Set<String> fields = new HashSet<>(SubjectFactory.SUBJECT_FIELDS);
    fields.add("kind");
    fields.add("case");
    return Set.copyOf(fields);
  }
}

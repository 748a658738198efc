package org.liaison.node.records;

import jakarta.persistence.EntityManager;
import java.util.List;
import org.liaison.wire.v1.Reason;

/** Imports one kind of line ("case", "subject", "record", "operation") inside its transaction. */
interface LineImporter {

  /** The stored item's id and a sentence saying what happened. */
  record Stored(String id, String message) {}

  String kind();

  /** The id of the item the line describes, for reporting a rejection; null when it has none. */
  String idOf(Line line);

  Stored importLine(Line line, EntityManager em);

  static CaseFile caseByNumber(EntityManager em, String caseNumber, Line line) {
    List<CaseFile> found =
        em.createQuery("select c from CaseFile c where c.caseNumber = :n", CaseFile.class)
            .setParameter("n", caseNumber)
            .getResultList();
    if (found.isEmpty()) {
      throw unknownCase(line, caseNumber);
    }
    return found.get(0);
  }

  static ImportRejection unknownCase(Line line, String caseNumber) {
    return new ImportRejection(
        Reason.NOT_FOUND,
        line.what() + ": case " + caseNumber + " is not known; import its case line first");
  }

  static <T extends CaseItem> T byExternalId(EntityManager em, Class<T> type, String externalId) {
    List<T> found =
        em.createQuery(
                "select x from " + type.getSimpleName() + " x where x.externalId = :id", type)
            .setParameter("id", externalId)
            .getResultList();
    return found.isEmpty() ? null : found.get(0);
  }
}

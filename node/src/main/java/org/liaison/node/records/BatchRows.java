package org.liaison.node.records;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.event.Event;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.liaison.node.records.ImportService.Parsed;

/**
 * The lines of one batch, validated in memory and written by JDBC batches on the batch's
 * transactional connection. What the lines name is looked up in maps filled by one set-based read
 * per kind for the whole batch and by the rows the batch writes: the batch's cases (case number to
 * row), subjects (external id to row id), records (external ids stored) and operations (external id
 * to row id), instead of one query per line and reference.
 *
 * <p>A line is validated whole before anything of it is kept for writing (a record's inline
 * subjects included), so a rejected line leaves nothing of itself; the rejections, messages and
 * idempotence are those of the line-by-line importers ({@link CaseLines}, {@link SubjectLines},
 * {@link RecordLines}, {@link OperationLines}). A line sees what the lines before it in the batch
 * created (a case, a subject); a case or operation named by several lines is written once, as its
 * last line says, as importing them one after the other leaves it. The rows are written kind by
 * kind: cases, subjects, records with their links, operations. One {@link RecordsChanged} is fired
 * per case line's case, per operation, and per kind and case for subjects and records.
 */
final class BatchRows {
  private final Event<RecordsChanged> changes;
  private final Map<String, CaseRows.CaseRow> cases = new HashMap<>();
  private final Map<String, Long> subjectIds = new HashMap<>();
  private final Set<String> storedRecords = new HashSet<>();
  private final Map<String, Long> operationIds = new HashMap<>();

  private final Map<String, CaseLines.Draft> caseWrites = new LinkedHashMap<>();
  private final Map<String, SubjectRows.NewSubject> newSubjects = new LinkedHashMap<>();
  private final List<RecordRows.NewRecord> newRecords = new ArrayList<>();
  private final Map<String, OperationRows.NewOperation> operationWrites = new LinkedHashMap<>();
  private final Map<String, String> lastSubjectByCase = new LinkedHashMap<>();
  private final Map<String, String> lastRecordByCase = new LinkedHashMap<>();

  BatchRows(Event<RecordsChanged> changes) {
    this.changes = changes;
  }

  /** Stores these lines; returns how many were accepted, adding the rejected. */
  int write(Connection c, List<Parsed> lines, List<ImportResult> rejected) throws SQLException {
    learn(c, lines);
    int accepted = 0;
    for (Parsed p : lines) {
      try {
        if (p.importer() instanceof RecordLines records) {
          record(records, p.item());
        } else if (p.importer() instanceof SubjectLines) {
          subject(p.item());
        } else if (p.importer() instanceof CaseLines) {
          caseLine(p.item());
        } else {
          operation(p.item());
        }
        accepted++;
      } catch (ImportRejection r) {
        rejected.add(ImportResult.rejected(p.number(), p.id(), r.reason(), r.getMessage()));
      }
    }
    store(c);
    return accepted;
  }

  /** Reads, in one query per kind, what the lines name that the maps do not hold yet. */
  private void learn(Connection c, List<Parsed> lines) throws SQLException {
    Set<String> caseNumbers = new HashSet<>();
    Set<String> subjects = new HashSet<>();
    Set<String> records = new HashSet<>();
    Set<String> operations = new HashSet<>();
    for (Parsed p : lines) {
      if (p.caseNumber() != null && !cases.containsKey(p.caseNumber().trim())) {
        caseNumbers.add(p.caseNumber().trim()); // as the line's "case" or "caseNumber" reads it
      }
      if (p.id() == null) {
        continue;
      }
      if (p.importer() instanceof RecordLines) {
        records.add(p.id());
        JsonNode named = p.item().node().get("subjects");
        if (named != null && named.isArray()) {
          named.forEach(s -> subjects.add(subjectId(s)));
        }
      } else if (p.importer() instanceof SubjectLines) {
        subjects.add(p.id());
      } else if (p.importer() instanceof OperationLines) {
        operations.add(p.id());
      }
    }
    subjects.remove(null);
    subjects.removeAll(subjectIds.keySet());
    records.removeAll(storedRecords);
    operations.removeAll(operationIds.keySet());
    CaseRows.read(c, caseNumbers, cases);
    Rows.idsByExternalId(c, "subjects", subjects, subjectIds);
    RecordRows.existing(c, records, storedRecords);
    Rows.idsByExternalId(c, "operations", operations, operationIds);
  }

  /** The id a record's subject entry names: a reference, or an inline subject's "id". */
  private static String subjectId(JsonNode s) {
    JsonNode id = s.isObject() ? s.get("id") : s;
    return id != null && id.isValueNode() && !id.isNull() ? id.asText().trim() : null;
  }

  private void subject(Line line) {
    line.allowOnly(SubjectLines.FIELDS);
    String id = line.text("id");
    String caseNumber = line.text("case");
    String agency = agencyOf(line, caseNumber);
    if (!knows(id)) {
      newSubjects.put(
          id, new SubjectRows.NewSubject(SubjectFactory.draft(line, id, agency), caseNumber));
      lastSubjectByCase.put(caseNumber, id);
    }
  }

  private void record(RecordLines records, Line line) {
    line.allowOnly(RecordLines.FIELDS);
    String id = line.text("id");
    String caseNumber = line.text("case");
    String agency = agencyOf(line, caseNumber);
    if (storedRecords.contains(id)) {
      return; // records are documents: a repeated one is accepted unchanged
    }
    RecordLines.Draft draft = records.draft(line, agency);
    Map<String, SubjectRows.NewSubject> inline = new LinkedHashMap<>();
    Set<String> named = new LinkedHashSet<>();
    int n = 0;
    for (JsonNode node : RecordLines.subjects(line)) {
      n++;
      if (node.isTextual()) {
        String ref = node.asText().trim();
        if (!knows(ref) && !inline.containsKey(ref)) {
          throw RecordLines.unknownSubject(line, node.asText());
        }
        named.add(ref);
        continue;
      }
      String given = RecordLines.inlineSubject(line, node).optionalText("id");
      if (given != null && (knows(given) || inline.containsKey(given))) {
        named.add(given);
        continue;
      }
      String externalId = given != null ? given : id + "/s" + n;
      Line subject = new Line(node, line.what() + " subject " + externalId);
      inline.put(
          externalId,
          new SubjectRows.NewSubject(
              SubjectFactory.draft(subject, externalId, agency), caseNumber));
      named.add(externalId);
    }
    // the whole line is valid: only now is any of it kept
    newSubjects.putAll(inline);
    newRecords.add(new RecordRows.NewRecord(id, caseNumber, draft, List.copyOf(named)));
    storedRecords.add(id);
    lastRecordByCase.put(caseNumber, id);
  }

  private void caseLine(Line line) {
    CaseLines.Draft d = CaseLines.draft(line);
    String agency = storedOrWrittenAgency(d.caseNumber());
    if (agency != null && !agency.equals(d.agency())) {
      throw CaseLines.otherAgency(line, d.caseNumber(), agency);
    }
    caseWrites.put(d.caseNumber(), d);
  }

  private void operation(Line line) {
    line.allowOnly(OperationLines.FIELDS);
    String id = line.text("id");
    String caseNumber = line.text("case");
    agencyOf(line, caseNumber);
    operationWrites.put(
        id, new OperationRows.NewOperation(id, caseNumber, OperationLines.draft(line)));
  }

  /** The agency of the case a line names, stored or created by an earlier line of the batch. */
  private String agencyOf(Line line, String caseNumber) {
    String agency = storedOrWrittenAgency(caseNumber);
    if (agency == null) {
      throw LineImporter.unknownCase(line, caseNumber);
    }
    return agency;
  }

  private String storedOrWrittenAgency(String caseNumber) {
    CaseRows.CaseRow stored = cases.get(caseNumber);
    if (stored != null) {
      return stored.agency();
    }
    CaseLines.Draft written = caseWrites.get(caseNumber);
    return written == null ? null : written.agency();
  }

  private boolean knows(String subjectId) {
    return subjectIds.containsKey(subjectId) || newSubjects.containsKey(subjectId);
  }

  /**
   * Writes the cases, then the subjects, the records with their links and the operations; fires the
   * changes.
   */
  private void store(Connection c) throws SQLException {
    CaseRows.write(c, caseWrites.values(), cases);
    List<SubjectRows.NewSubject> subjects = List.copyOf(newSubjects.values());
    long[] ids = SubjectRows.insert(c, subjects, cases);
    for (int n = 0; n < ids.length; n++) {
      subjectIds.put(subjects.get(n).externalId(), ids[n]);
    }
    RecordRows.insert(c, newRecords, cases, subjectIds);
    OperationRows.write(c, operationWrites.values(), cases, operationIds);
    caseWrites.keySet().forEach(n -> changes.fire(new RecordsChanged("case", n, n)));
    lastSubjectByCase.forEach(
        (caseNumber, id) -> changes.fire(new RecordsChanged("subject", id, caseNumber)));
    lastRecordByCase.forEach(
        (caseNumber, id) -> changes.fire(new RecordsChanged("record", id, caseNumber)));
    operationWrites
        .values()
        .forEach(
            o -> changes.fire(new RecordsChanged("operation", o.externalId(), o.caseNumber())));
    caseWrites.clear();
    operationWrites.clear();
    newSubjects.clear();
    newRecords.clear();
    lastSubjectByCase.clear();
    lastRecordByCase.clear();
  }
}

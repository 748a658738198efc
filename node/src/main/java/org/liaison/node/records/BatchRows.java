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
 * The subject and record lines of one batch, validated in memory and written by JDBC batches on the
 * batch's transactional connection. What the lines name is looked up in maps filled by one
 * set-based read per run of lines and by the rows the batch writes: the batch's cases (case number
 * to row), subjects (external id to row id) and records (external ids stored), instead of one query
 * per line and reference.
 *
 * <p>A line is validated whole before anything of it is kept for writing (a record's inline
 * subjects included), so a rejected line leaves nothing of itself; the rejections, messages and
 * idempotence are those of the line-by-line importers ({@link SubjectLines}, {@link RecordLines}).
 * One {@link RecordsChanged} is fired per kind, case and run.
 */
final class BatchRows {
  private final Event<RecordsChanged> changes;
  private final Map<String, SubjectRows.CaseRow> cases = new HashMap<>();
  private final Map<String, Long> subjectIds = new HashMap<>();
  private final Set<String> storedRecords = new HashSet<>();

  private final Map<String, SubjectRows.NewSubject> newSubjects = new LinkedHashMap<>();
  private final List<RecordRows.NewRecord> newRecords = new ArrayList<>();
  private final Map<String, String> lastSubjectByCase = new LinkedHashMap<>();
  private final Map<String, String> lastRecordByCase = new LinkedHashMap<>();

  BatchRows(Event<RecordsChanged> changes) {
    this.changes = changes;
  }

  static boolean takes(Parsed p) {
    return p.importer() instanceof SubjectLines || p.importer() instanceof RecordLines;
  }

  /**
   * Stores a run of subject and record lines; returns how many were accepted, adding the rejected.
   */
  int write(Connection c, List<Parsed> run, List<ImportResult> rejected) throws SQLException {
    learn(c, run);
    int accepted = 0;
    for (Parsed p : run) {
      try {
        if (p.importer() instanceof RecordLines records) {
          record(records, p.item());
        } else {
          subject(p.item());
        }
        accepted++;
      } catch (ImportRejection r) {
        rejected.add(ImportResult.rejected(p.number(), p.id(), r.reason(), r.getMessage()));
      }
    }
    store(c);
    return accepted;
  }

  /** Reads, in one query per kind, what the run names that the maps do not hold yet. */
  private void learn(Connection c, List<Parsed> run) throws SQLException {
    Set<String> caseNumbers = new HashSet<>();
    Set<String> subjects = new HashSet<>();
    Set<String> records = new HashSet<>();
    for (Parsed p : run) {
      if (p.caseNumber() != null && !cases.containsKey(p.caseNumber().trim())) {
        caseNumbers.add(p.caseNumber().trim()); // as the line's "case" reads it
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
      } else {
        subjects.add(p.id());
      }
    }
    subjects.remove(null);
    subjects.removeAll(subjectIds.keySet());
    records.removeAll(storedRecords);
    SubjectRows.cases(c, caseNumbers, cases);
    SubjectRows.ids(c, subjects, subjectIds);
    RecordRows.existing(c, records, storedRecords);
  }

  /** The id a record's subject entry names: a reference, or an inline subject's "id". */
  private static String subjectId(JsonNode s) {
    JsonNode id = s.isObject() ? s.get("id") : s;
    return id != null && id.isValueNode() && !id.isNull() ? id.asText().trim() : null;
  }

  private void subject(Line line) {
    line.allowOnly(SubjectLines.FIELDS);
    String id = line.text("id");
    SubjectRows.CaseRow caseRow = caseOf(line);
    if (!knows(id)) {
      newSubjects.put(
          id,
          new SubjectRows.NewSubject(
              SubjectFactory.draft(line, id, caseRow.agency()), caseRow.id()));
      lastSubjectByCase.put(caseRow.caseNumber(), id);
    }
  }

  private void record(RecordLines records, Line line) {
    line.allowOnly(RecordLines.FIELDS);
    String id = line.text("id");
    SubjectRows.CaseRow caseRow = caseOf(line);
    if (storedRecords.contains(id)) {
      return; // records are documents: a repeated one is accepted unchanged
    }
    RecordLines.Draft draft = records.draft(line, caseRow.agency());
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
              SubjectFactory.draft(subject, externalId, caseRow.agency()), caseRow.id()));
      named.add(externalId);
    }
    // the whole line is valid: only now is any of it kept
    newSubjects.putAll(inline);
    newRecords.add(new RecordRows.NewRecord(id, caseRow.id(), draft, List.copyOf(named)));
    storedRecords.add(id);
    lastRecordByCase.put(caseRow.caseNumber(), id);
  }

  private SubjectRows.CaseRow caseOf(Line line) {
    String caseNumber = line.text("case");
    SubjectRows.CaseRow caseRow = cases.get(caseNumber);
    if (caseRow == null) {
      throw LineImporter.unknownCase(line, caseNumber);
    }
    return caseRow;
  }

  private boolean knows(String subjectId) {
    return subjectIds.containsKey(subjectId) || newSubjects.containsKey(subjectId);
  }

  /** Writes the run's subjects, then its records and their links; fires the run's changes. */
  private void store(Connection c) throws SQLException {
    List<SubjectRows.NewSubject> subjects = List.copyOf(newSubjects.values());
    long[] ids = SubjectRows.insert(c, subjects);
    for (int n = 0; n < ids.length; n++) {
      subjectIds.put(subjects.get(n).draft().externalId(), ids[n]);
    }
    RecordRows.insert(c, newRecords, subjectIds);
    lastSubjectByCase.forEach(
        (caseNumber, id) -> changes.fire(new RecordsChanged("subject", id, caseNumber)));
    lastRecordByCase.forEach(
        (caseNumber, id) -> changes.fire(new RecordsChanged("record", id, caseNumber)));
    newSubjects.clear();
    newRecords.clear();
    lastSubjectByCase.clear();
    lastRecordByCase.clear();
  }
}

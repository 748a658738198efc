package org.liaison.node.records;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Set-based reads and JDBC-batched inserts of records and their subject links, on the caller's
 * transactional connection (the same tables the {@link CaseRecord} entity maps).
 */
final class RecordRows {
  /**
   * A validated record to insert into a case (by its number), with the external ids of its distinct
   * subjects.
   */
  record NewRecord(
      String externalId, String caseNumber, RecordLines.Draft draft, List<String> subjects)
      implements CaseItemRows.NewItem {}

  private RecordRows() {}

  /** Adds to {@code into} the external ids among these that are stored already. */
  static void existing(Connection c, Collection<String> externalIds, Set<String> into)
      throws SQLException {
    Rows.readIn(
        c,
        "select external_id from records where external_id",
        externalIds,
        r -> into.add(r.getString(1)));
  }

  /**
   * Inserts the records, then their subject links, each as one JDBC batch.
   *
   * @param cases every case the records are filed under, by number
   * @param subjectIds the row id of every subject the records name, by external id
   */
  static void insert(
      Connection c,
      List<NewRecord> records,
      Map<String, CaseRows.CaseRow> cases,
      Map<String, Long> subjectIds)
      throws SQLException {
    if (records.isEmpty()) {
      return;
    }
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    long[] ids =
        CaseItemRows.insert(
            c,
            "records",
            List.of(
                "category",
                "originator_agency",
                "fields_json",
                "body",
                "tlp",
                "handling_code",
                "handling_conditions",
                "source_evaluation",
                "information_evaluation",
                "retention_date",
                "imported_at"),
            records,
            cases,
            (s, r) -> {
              RecordLines.Draft d = r.draft();
              s.setString(3, d.category().name());
              s.setString(4, d.originator());
              s.setString(5, d.fieldsJson());
              Rows.setNullable(s, 6, d.body(), Types.VARCHAR);
              s.setString(7, d.tlp().name());
              s.setString(8, d.handling().name());
              Rows.setNullable(s, 9, d.handlingConditions(), Types.VARCHAR);
              s.setString(10, String.valueOf(d.source()));
              s.setString(11, String.valueOf(d.information()));
              Rows.setNullable(s, 12, d.retainUntil(), Types.DATE);
              s.setObject(13, now);
            });
    Rows.insertChildren(
        c,
        "insert into record_subjects (record_id, subject_id) values (?, ?)",
        records,
        ids,
        NewRecord::subjects,
        (s, subject) -> s.setLong(2, subjectIds.get(subject)));
  }
}

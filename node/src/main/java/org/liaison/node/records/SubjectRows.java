package org.liaison.node.records;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Map;

/**
 * Set-based reads and JDBC-batched inserts of cases' subjects with their identifiers and name keys,
 * on the caller's transactional connection (the same tables the {@link Subject} entity maps).
 */
final class SubjectRows {
  /** A validated subject to insert into a case (by its number). */
  record NewSubject(SubjectFactory.Draft draft, String caseNumber) implements CaseItemRows.NewItem {
    @Override
    public String externalId() {
      return draft.externalId();
    }
  }

  private SubjectRows() {}

  /**
   * Inserts the subjects, then their identifiers and name keys, each as one JDBC batch.
   *
   * @param cases every case the subjects are filed under, by number
   * @return the row id of each subject, in order
   */
  static long[] insert(Connection c, List<NewSubject> subjects, Map<String, CaseRows.CaseRow> cases)
      throws SQLException {
    if (subjects.isEmpty()) {
      return new long[0];
    }
    long[] ids =
        CaseItemRows.insert(
            c,
            "subjects",
            List.of("kind", "display_name", "date_of_birth"),
            subjects,
            cases,
            (s, n) -> {
              SubjectFactory.Draft d = n.draft();
              s.setString(3, d.kind().name());
              s.setString(4, d.name());
              Rows.setNullable(s, 5, d.dateOfBirth(), Types.DATE);
            });
    Rows.insertChildren(
        c,
        "insert into identifiers (subject_id, type, raw_value, normalised_value, country)"
            + " values (?, ?, ?, ?, ?)",
        subjects,
        ids,
        n -> n.draft().identifiers(),
        (s, id) -> {
          s.setString(2, id.type().name());
          s.setString(3, id.raw());
          s.setString(4, id.value());
          s.setString(5, id.country());
        });
    Rows.insertChildren(
        c,
        "insert into subject_name_keys (subject_id, name_key, date_of_birth) values (?, ?, ?)",
        subjects,
        ids,
        n -> n.draft().personNameKeys(),
        (s, key) -> {
          s.setString(2, key.getNameKey());
          Rows.setNullable(s, 3, key.getDateOfBirth(), Types.DATE);
        });
    return ids;
  }
}

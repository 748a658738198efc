package org.liaison.node.records;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Map;
import org.liaison.node.identifiers.NormalizedIdentifier;

/**
 * Set-based reads and JDBC-batched inserts of cases' subjects with their identifiers and name keys,
 * on the caller's transactional connection (the same tables the {@link Subject} entity maps).
 */
final class SubjectRows {
  /** A validated subject to insert into a case (by its number). */
  record NewSubject(SubjectFactory.Draft draft, String caseNumber) {}

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
        Rows.insertReturningIds(
            c,
            "insert into subjects (external_id, case_id, kind, display_name, date_of_birth)"
                + " values (?, ?, ?, ?, ?)",
            "subjects",
            "external_id",
            subjects,
            n -> n.draft().externalId(),
            (s, n) -> {
              SubjectFactory.Draft d = n.draft();
              s.setString(1, d.externalId());
              s.setLong(2, cases.get(n.caseNumber()).id());
              s.setString(3, d.kind().name());
              s.setString(4, d.name());
              Rows.setNullable(s, 5, d.dateOfBirth(), Types.DATE);
            });
    try (PreparedStatement i =
            c.prepareStatement(
                "insert into identifiers (subject_id, type, raw_value, normalised_value, country)"
                    + " values (?, ?, ?, ?, ?)");
        PreparedStatement k =
            c.prepareStatement(
                "insert into subject_name_keys (subject_id, name_key, date_of_birth)"
                    + " values (?, ?, ?)")) {
      boolean anyIdentifier = false;
      boolean anyKey = false;
      for (int n = 0; n < ids.length; n++) {
        SubjectFactory.Draft d = subjects.get(n).draft();
        for (NormalizedIdentifier id : d.identifiers()) {
          i.setLong(1, ids[n]);
          i.setString(2, id.type().name());
          i.setString(3, id.raw());
          i.setString(4, id.value());
          i.setString(5, id.country());
          i.addBatch();
          anyIdentifier = true;
        }
        for (String key : d.nameKeys()) {
          k.setLong(1, ids[n]);
          k.setString(2, key);
          // beside each key, as PersonNameKey maps it (V85)
          Rows.setNullable(k, 3, d.dateOfBirth(), Types.DATE);
          k.addBatch();
          anyKey = true;
        }
      }
      if (anyIdentifier) {
        i.executeBatch();
      }
      if (anyKey) {
        k.executeBatch();
      }
    }
    return ids;
  }
}

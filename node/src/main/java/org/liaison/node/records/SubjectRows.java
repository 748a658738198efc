package org.liaison.node.records;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.liaison.node.identifiers.NormalizedIdentifier;

/**
 * Set-based reads and JDBC-batched inserts of subjects with their identifiers and name keys, on the
 * caller's transactional connection (the same tables the {@link Subject} entity maps; portable SQL
 * for H2 and PostgreSQL).
 */
final class SubjectRows {
  /** Parameters per IN list: small enough for every database, large enough to be few queries. */
  private static final int IN_CHUNK = 500;

  /** A case as the importer needs it. */
  record CaseRow(long id, String caseNumber, String agency) {}

  /** A validated subject to insert into a case. */
  record NewSubject(SubjectFactory.Draft draft, long caseId) {}

  private SubjectRows() {}

  static Map<String, CaseRow> cases(Connection c, Collection<String> caseNumbers)
      throws SQLException {
    Map<String, CaseRow> out = new HashMap<>();
    readIn(
        c,
        "select id, case_number, agency from cases where case_number",
        caseNumbers,
        r -> out.put(r.getString(2), new CaseRow(r.getLong(1), r.getString(2), r.getString(3))));
    return out;
  }

  /** The external ids among these that are stored already. */
  static Set<String> existing(Connection c, Collection<String> externalIds) throws SQLException {
    Set<String> out = new HashSet<>();
    readIn(
        c,
        "select external_id from subjects where external_id",
        externalIds,
        r -> out.add(r.getString(1)));
    return out;
  }

  /** Inserts the subjects, then their identifiers and name keys, each as one JDBC batch. */
  static void insert(Connection c, List<NewSubject> subjects) throws SQLException {
    if (subjects.isEmpty()) {
      return;
    }
    long[] ids = new long[subjects.size()];
    try (PreparedStatement s =
        c.prepareStatement(
            "insert into subjects (external_id, case_id, kind, display_name, date_of_birth)"
                + " values (?, ?, ?, ?, ?)",
            new String[] {"id"})) {
      for (NewSubject n : subjects) {
        SubjectFactory.Draft d = n.draft();
        s.setString(1, d.externalId());
        s.setLong(2, n.caseId());
        s.setString(3, d.kind().name());
        s.setString(4, d.name());
        if (d.dateOfBirth() == null) {
          s.setNull(5, Types.DATE);
        } else {
          s.setObject(5, d.dateOfBirth());
        }
        s.addBatch();
      }
      s.executeBatch();
      if (!generatedKeys(s, ids)) {
        idsByExternalId(c, subjects, ids);
      }
    }
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
          if (d.dateOfBirth() == null) {
            k.setNull(3, Types.DATE);
          } else {
            k.setObject(3, d.dateOfBirth());
          }
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
  }

  /** The ids the database gave a batch of inserts, when the driver reports one per row. */
  private static boolean generatedKeys(PreparedStatement s, long[] ids) throws SQLException {
    List<Long> keys = new ArrayList<>(ids.length);
    try (ResultSet r = s.getGeneratedKeys()) {
      while (r != null && r.next()) {
        keys.add(r.getLong(1));
      }
    }
    if (keys.size() != ids.length) {
      return false;
    }
    for (int n = 0; n < ids.length; n++) {
      ids[n] = keys.get(n);
    }
    return true;
  }

  private static void idsByExternalId(Connection c, List<NewSubject> subjects, long[] ids)
      throws SQLException {
    Map<String, Integer> index = new HashMap<>();
    for (int n = 0; n < subjects.size(); n++) {
      index.put(subjects.get(n).draft().externalId(), n);
    }
    readIn(
        c,
        "select id, external_id from subjects where external_id",
        index.keySet(),
        r -> ids[index.get(r.getString(2))] = r.getLong(1));
  }

  /** Takes one row of a read. */
  private interface Row {
    void take(ResultSet r) throws SQLException;
  }

  /**
   * Reads the rows whose column, named at the end of {@code select}, holds one of {@code values}:
   * one query per {@link #IN_CHUNK} distinct values, each row handed to {@code row}.
   */
  private static void readIn(Connection c, String select, Collection<String> values, Row row)
      throws SQLException {
    for (List<String> chunk : chunks(values)) {
      try (PreparedStatement q = c.prepareStatement(select + " in (" + marks(chunk.size()) + ")")) {
        bind(q, chunk);
        try (ResultSet r = q.executeQuery()) {
          while (r.next()) {
            row.take(r);
          }
        }
      }
    }
  }

  private static List<List<String>> chunks(Collection<String> values) {
    List<String> all = List.copyOf(new HashSet<>(values));
    List<List<String>> out = new ArrayList<>();
    for (int from = 0; from < all.size(); from += IN_CHUNK) {
      out.add(all.subList(from, Math.min(all.size(), from + IN_CHUNK)));
    }
    return out;
  }

  private static String marks(int n) {
    return String.join(", ", java.util.Collections.nCopies(n, "?"));
  }

  private static void bind(PreparedStatement q, List<String> values) throws SQLException {
    for (int n = 0; n < values.size(); n++) {
      q.setString(n + 1, values.get(n));
    }
  }
}

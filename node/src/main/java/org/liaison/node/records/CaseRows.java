package org.liaison.node.records;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Set-based reads and JDBC-batched writes of cases and their crime categories, on the caller's
 * transactional connection (the same tables the {@link CaseFile} entity maps).
 */
final class CaseRows {
  /** A stored case as the importer needs it. */
  record CaseRow(long id, String caseNumber, String agency) {}

  private CaseRows() {}

  /** Adds to {@code into} the cases among these numbers that are stored. */
  static void read(Connection c, Collection<String> caseNumbers, Map<String, CaseRow> into)
      throws SQLException {
    Rows.readIn(
        c,
        "select id, case_number, agency from cases where case_number",
        caseNumbers,
        r -> into.put(r.getString(2), new CaseRow(r.getLong(1), r.getString(2), r.getString(3))));
  }

  /**
   * Writes the cases: those in {@code stored} are updated in place (their crime categories
   * replaced), the others inserted and added to {@code stored}; each step is one JDBC batch.
   */
  static void write(Connection c, Collection<CaseLines.Draft> cases, Map<String, CaseRow> stored)
      throws SQLException {
    List<CaseLines.Draft> updated = new ArrayList<>();
    List<CaseLines.Draft> created = new ArrayList<>();
    for (CaseLines.Draft d : cases) {
      (stored.containsKey(d.caseNumber()) ? updated : created).add(d);
    }
    update(c, updated, stored);
    insert(c, created, stored);
    try (PreparedStatement s =
        c.prepareStatement("insert into case_crime_categories (case_id, category) values (?, ?)")) {
      for (CaseLines.Draft d : cases) {
        for (String category : d.crimeCategories()) {
          s.setLong(1, stored.get(d.caseNumber()).id());
          s.setString(2, category);
          s.addBatch();
        }
      }
      s.executeBatch();
    }
  }

  private static void update(Connection c, List<CaseLines.Draft> cases, Map<String, CaseRow> stored)
      throws SQLException {
    if (cases.isEmpty()) {
      return;
    }
    try (PreparedStatement s =
            c.prepareStatement(
                "update cases set agent_name = ?, agent_phone = ?, agent_email = ?, status = ?,"
                    + " opened_on = ?, closed_on = ? where id = ?");
        PreparedStatement categories =
            c.prepareStatement("delete from case_crime_categories where case_id = ?")) {
      for (CaseLines.Draft d : cases) {
        long id = stored.get(d.caseNumber()).id();
        bind(s, 1, d);
        s.setLong(7, id);
        s.addBatch();
        categories.setLong(1, id);
        categories.addBatch();
      }
      s.executeBatch();
      categories.executeBatch();
    }
  }

  private static void insert(Connection c, List<CaseLines.Draft> cases, Map<String, CaseRow> stored)
      throws SQLException {
    if (cases.isEmpty()) {
      return;
    }
    long[] ids =
        Rows.insertReturningIds(
            c,
            "insert into cases (agent_name, agent_phone, agent_email, status, opened_on,"
                + " closed_on, case_number, agency) values (?, ?, ?, ?, ?, ?, ?, ?)",
            "cases",
            "case_number",
            cases,
            CaseLines.Draft::caseNumber,
            (s, d) -> {
              bind(s, 1, d);
              s.setString(7, d.caseNumber());
              s.setString(8, d.agency());
            });
    for (int n = 0; n < ids.length; n++) {
      CaseLines.Draft d = cases.get(n);
      stored.put(d.caseNumber(), new CaseRow(ids[n], d.caseNumber(), d.agency()));
    }
  }

  /** Binds the columns a case line sets, from parameter {@code first} on. */
  private static void bind(PreparedStatement s, int first, CaseLines.Draft d) throws SQLException {
    s.setString(first, d.agentName());
    Rows.setNullable(s, first + 1, d.agentPhone(), Types.VARCHAR);
    Rows.setNullable(s, first + 2, d.agentEmail(), Types.VARCHAR);
    s.setString(first + 3, d.status().name());
    Rows.setNullable(s, first + 4, d.opened(), Types.DATE);
    Rows.setNullable(s, first + 5, d.closed(), Types.DATE);
  }
}

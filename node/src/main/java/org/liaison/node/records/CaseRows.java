package org.liaison.node.records;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

/**
 * Set-based reads and JDBC-batched writes of cases and their crime categories, on the caller's
 * transactional connection (the same tables the {@link CaseFile} entity maps).
 */
final class CaseRows {
  /** A stored case as the importer needs it. */
  record CaseRow(long id, String caseNumber, String agency) {}

  /** The columns a case line sets, as {@link #bind} binds them. */
  private static final List<String> COLUMNS =
      List.of("agent_name", "agent_phone", "agent_email", "status", "opened_on", "closed_on");

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
    Map<Boolean, List<CaseLines.Draft>> isStored =
        cases.stream().collect(Collectors.partitioningBy(d -> stored.containsKey(d.caseNumber())));
    ToLongFunction<CaseLines.Draft> id = d -> stored.get(d.caseNumber()).id();
    List<CaseLines.Draft> updated = isStored.get(true);
    Rows.batchById(
        c,
        "update cases set " + Rows.assignments(COLUMNS) + " where id = ?",
        7,
        updated,
        id,
        (s, d) -> bind(s, 1, d));
    Rows.batchById(
        c, "delete from case_crime_categories where case_id = ?", 1, updated, id, (s, d) -> {});
    insert(c, isStored.get(false), stored);
    List<CaseLines.Draft> all = List.copyOf(cases);
    Rows.insertChildren(
        c,
        "insert into case_crime_categories (case_id, category) values (?, ?)",
        all,
        all.stream().mapToLong(id).toArray(),
        CaseLines.Draft::crimeCategories,
        (s, category) -> s.setString(2, category));
  }

  private static void insert(Connection c, List<CaseLines.Draft> cases, Map<String, CaseRow> stored)
      throws SQLException {
    long[] ids =
        Rows.insertReturningIds(
            c,
            "insert into cases ("
                + String.join(", ", COLUMNS)
                + ", case_number, agency) values ("
                + Rows.marks(COLUMNS.size() + 2)
                + ")",
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

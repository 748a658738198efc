package org.liaison.node.records;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Set-based reads and JDBC-batched writes of operations, on the caller's transactional connection
 * (the table the {@link Operation} entity maps).
 */
final class OperationRows {
  /** A validated operation to file under a case (by its number). */
  record NewOperation(String externalId, String caseNumber, OperationLines.Draft draft)
      implements CaseItemRows.NewItem {}

  /** An operation line's own columns, as {@link #bind} binds them. */
  private static final List<String> COLUMNS =
      List.of(
          "kind",
          "latitude",
          "longitude",
          "radius_metres",
          "address",
          "window_start",
          "window_end",
          "status");

  private OperationRows() {}

  /**
   * Writes the operations: those in {@code stored} are updated in place (their case too), the
   * others inserted and added to {@code stored}; each step is one JDBC batch.
   */
  static void write(
      Connection c,
      Collection<NewOperation> operations,
      Map<String, CaseRows.CaseRow> cases,
      Map<String, Long> stored)
      throws SQLException {
    Map<Boolean, List<NewOperation>> isStored =
        operations.stream()
            .collect(Collectors.partitioningBy(o -> stored.containsKey(o.externalId())));
    Rows.batchById(
        c,
        "update operations set " + Rows.assignments(COLUMNS) + ", case_id = ? where id = ?",
        10,
        isStored.get(true),
        o -> stored.get(o.externalId()),
        (s, o) -> {
          bind(s, 1, o.draft());
          s.setLong(9, cases.get(o.caseNumber()).id());
        });
    List<NewOperation> created = isStored.get(false);
    long[] ids =
        CaseItemRows.insert(
            c, "operations", COLUMNS, created, cases, (s, o) -> bind(s, 3, o.draft()));
    for (int n = 0; n < ids.length; n++) {
      stored.put(created.get(n).externalId(), ids[n]);
    }
  }

  /** Binds an operation line's own columns, from parameter {@code first} on. */
  private static void bind(PreparedStatement s, int first, OperationLines.Draft d)
      throws SQLException {
    s.setString(first, d.type());
    s.setDouble(first + 1, d.latitude());
    s.setDouble(first + 2, d.longitude());
    s.setInt(first + 3, d.radiusMetres());
    Rows.setNullable(s, first + 4, d.address(), Types.VARCHAR);
    s.setObject(first + 5, d.start().atOffset(ZoneOffset.UTC));
    s.setObject(first + 6, d.end().atOffset(ZoneOffset.UTC));
    s.setString(first + 7, d.status().name());
  }
}

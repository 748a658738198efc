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
  record NewOperation(String externalId, String caseNumber, OperationLines.Draft draft) {}

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
        "update operations set case_id = ?, kind = ?, latitude = ?, longitude = ?,"
            + " radius_metres = ?, address = ?, window_start = ?, window_end = ?,"
            + " status = ? where id = ?",
        10,
        isStored.get(true),
        o -> stored.get(o.externalId()),
        (s, o) -> bind(s, o, cases));
    List<NewOperation> created = isStored.get(false);
    long[] ids =
        Rows.insertReturningIds(
            c,
            "insert into operations (case_id, kind, latitude, longitude, radius_metres, address,"
                + " window_start, window_end, status, external_id)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            "operations",
            "external_id",
            created,
            NewOperation::externalId,
            (s, o) -> {
              bind(s, o, cases);
              s.setString(10, o.externalId());
            });
    for (int n = 0; n < ids.length; n++) {
      stored.put(created.get(n).externalId(), ids[n]);
    }
  }

  /** Binds parameters 1 to 9: the case and the line's content. */
  private static void bind(PreparedStatement s, NewOperation o, Map<String, CaseRows.CaseRow> cases)
      throws SQLException {
    OperationLines.Draft d = o.draft();
    s.setLong(1, cases.get(o.caseNumber()).id());
    s.setString(2, d.type());
    s.setDouble(3, d.latitude());
    s.setDouble(4, d.longitude());
    s.setInt(5, d.radiusMetres());
    Rows.setNullable(s, 6, d.address(), Types.VARCHAR);
    s.setObject(7, d.start().atOffset(ZoneOffset.UTC));
    s.setObject(8, d.end().atOffset(ZoneOffset.UTC));
    s.setString(9, d.status().name());
  }
}

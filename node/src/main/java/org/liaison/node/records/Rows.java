package org.liaison.node.records;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * JDBC helpers of the batched import's row writers ({@link CaseRows}, {@link SubjectRows}, {@link
 * RecordRows}, {@link OperationRows}): set-based reads by a list of values, the ids of a batch of
 * inserts, batches by row id and the child rows of a batch of parents, in SQL portable between H2
 * and PostgreSQL.
 */
final class Rows {
  /** Parameters per IN list: small enough for every database, large enough to be few queries. */
  private static final int IN_CHUNK = 500;

  private Rows() {}

  /** Takes one row of a read. */
  interface Row {
    void take(ResultSet r) throws SQLException;
  }

  /** Adds to {@code into} the row id of each row of {@code table} among these external ids. */
  static void idsByExternalId(
      Connection c, String table, Collection<String> externalIds, Map<String, Long> into)
      throws SQLException {
    readIn(
        c,
        "select id, external_id from " + table + " where external_id",
        externalIds,
        r -> into.put(r.getString(2), r.getLong(1)));
  }

  /**
   * Reads the rows whose column, named at the end of {@code select}, holds one of {@code values}:
   * one query per {@link #IN_CHUNK} distinct values, each row handed to {@code row}.
   */
  static void readIn(Connection c, String select, Collection<String> values, Row row)
      throws SQLException {
    for (List<String> chunk : chunks(values)) {
      try (PreparedStatement q = c.prepareStatement(select + " in (" + marks(chunk.size()) + ")")) {
        for (int n = 0; n < chunk.size(); n++) {
          q.setString(n + 1, chunk.get(n));
        }
        try (ResultSet r = q.executeQuery()) {
          while (r.next()) {
            row.take(r);
          }
        }
      }
    }
  }

  /** Binds the parameters of one row's insert. */
  interface Binder<T> {
    void bind(PreparedStatement s, T row) throws SQLException;
  }

  /**
   * Inserts {@code rows} into {@code table} as one JDBC batch of {@code insert} (its parameters
   * bound by {@code binder}) and returns the id the database gave each, in the order of {@code
   * rows}: from the generated keys when the driver reports one per row, else read back by the
   * table's unique column {@code keyColumn}, whose value for a row is {@code key}.
   */
  static <T> long[] insertReturningIds(
      Connection c,
      String insert,
      String table,
      String keyColumn,
      List<T> rows,
      Function<T, String> key,
      Binder<T> binder)
      throws SQLException {
    long[] ids = new long[rows.size()];
    if (rows.isEmpty()) {
      return ids;
    }
    List<Long> generated = new ArrayList<>(ids.length);
    try (PreparedStatement s = c.prepareStatement(insert, new String[] {"id"})) {
      for (T row : rows) {
        binder.bind(s, row);
        s.addBatch();
      }
      s.executeBatch();
      try (ResultSet r = s.getGeneratedKeys()) {
        while (r != null && r.next()) {
          generated.add(r.getLong(1));
        }
      }
    }
    if (generated.size() == ids.length) {
      for (int n = 0; n < ids.length; n++) {
        ids[n] = generated.get(n);
      }
      return ids;
    }
    Map<String, Integer> index = new HashMap<>();
    for (int n = 0; n < rows.size(); n++) {
      index.put(key.apply(rows.get(n)), n);
    }
    readIn(
        c,
        "select id, " + keyColumn + " from " + table + " where " + keyColumn,
        index.keySet(),
        r -> ids[index.get(r.getString(2))] = r.getLong(1));
    return ids;
  }

  /**
   * Runs {@code statement} once per row, as one JDBC batch: the row's own parameters bound by
   * {@code binder}, then its row id, {@code id}, as parameter {@code idParameter} (an update in
   * place, a delete of a row's children).
   */
  static <T> void batchById(
      Connection c,
      String statement,
      int idParameter,
      List<T> rows,
      ToLongFunction<T> id,
      Binder<T> binder)
      throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    try (PreparedStatement s = c.prepareStatement(statement)) {
      for (T row : rows) {
        binder.bind(s, row);
        s.setLong(idParameter, id.applyAsLong(row));
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  /**
   * Inserts a row per child of each parent (a case's crime categories, a record's subject links, a
   * subject's identifiers and name keys) as one JDBC batch of {@code insert}: parameter 1 is the
   * parent's row id ({@code parentIds}, in the order of {@code parents}), the child's own
   * parameters from 2 on are bound by {@code binder}. No statement runs when there is no child.
   */
  static <P, C> void insertChildren(
      Connection c,
      String insert,
      List<P> parents,
      long[] parentIds,
      Function<P, ? extends Collection<C>> children,
      Binder<C> binder)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(insert)) {
      boolean any = false;
      for (int n = 0; n < parentIds.length; n++) {
        for (C child : children.apply(parents.get(n))) {
          s.setLong(1, parentIds[n]);
          binder.bind(s, child);
          s.addBatch();
          any = true;
        }
      }
      if (any) {
        s.executeBatch();
      }
    }
  }

  /** Binds a value that may be absent (a date, a text) as the parameter's SQL type or NULL. */
  static void setNullable(PreparedStatement s, int parameter, Object value, int sqlType)
      throws SQLException {
    if (value == null) {
      s.setNull(parameter, sqlType);
    } else if (sqlType == Types.VARCHAR) {
      s.setString(parameter, value.toString());
    } else {
      s.setObject(parameter, value);
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

  /** The assignments of an update that sets these columns: "a = ?, b = ?". */
  static String assignments(List<String> columns) {
    return String.join(" = ?, ", columns) + " = ?";
  }

  /** The parameter marks of {@code n} values: "?, ?, ?". */
  static String marks(int n) {
    return String.join(", ", Collections.nCopies(n, "?"));
  }
}

package org.liaison.node.deconfliction.filters;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The small integer id of each reference (a case number, or an operation id) the held filters' rows
 * name (table {@code held_filter_refs}, decision 0068): one id per reference for every filter of
 * the node, given the first time a row names it and kept after (a case that comes back takes its id
 * again).
 */
final class HeldFilterRefs {
  /** SQLSTATE of a unique key violation, on H2 and PostgreSQL. */
  private static final String UNIQUE_VIOLATION = "23505";

  private HeldFilterRefs() {}

  /**
   * The id of each of these references, giving one to those that have none yet, in a transaction of
   * its own unless the caller has one (committed before the rows that name them are written).
   * Another filter's catch-up may number the same reference meanwhile: the numbering is then read
   * again.
   */
  static Map<String, Integer> numbered(DataSource db, Collection<String> refs) throws SQLException {
    for (int attempt = 1; ; attempt++) {
      try (Connection c = db.getConnection()) {
        if (!c.getAutoCommit()) {
          return numbered(c, refs); // the caller's transaction
        }
        c.setAutoCommit(false);
        try {
          Map<String, Integer> ids = numbered(c, refs);
          c.commit();
          return ids;
        } catch (SQLException e) {
          c.rollback();
          if (!UNIQUE_VIOLATION.equals(e.getSQLState()) || attempt == 3) {
            throw e;
          }
        } finally {
          c.setAutoCommit(true);
        }
      }
    }
  }

  private static Map<String, Integer> numbered(Connection c, Collection<String> refs)
      throws SQLException {
    Map<String, Integer> ids = new HashMap<>();
    try (PreparedStatement find =
            c.prepareStatement("select id from held_filter_refs where ref = ?");
        PreparedStatement add =
            c.prepareStatement("insert into held_filter_refs (ref) values (?)")) {
      for (String ref : refs) {
        if (ids.containsKey(ref)) {
          continue;
        }
        Integer id = idOf(find, ref);
        if (id == null) {
          add.setString(1, ref);
          add.executeUpdate();
          id = idOf(find, ref);
        }
        ids.put(ref, id);
      }
    }
    return ids;
  }

  private static Integer idOf(PreparedStatement find, String ref) throws SQLException {
    find.setString(1, ref);
    try (ResultSet r = find.executeQuery()) {
      return r.next() ? r.getInt(1) : null;
    }
  }
}

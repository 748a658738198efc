package db.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Migration 172 (decision 0074): the held filters' rows name their input by an 8-byte key, the
 * first 8 bytes of its SHA-256 ({@code HeldFilterRows.keyOf}), where the row and its primary key
 * each held the input's text (about 70 bytes, more than half the rows). The rows are carried over
 * with their keys computed by the database (H2's {@code HASH('SHA-256', ..)}, PostgreSQL's {@code
 * sha256(..)}: the one statement the two cannot share), in the order of the new primary key.
 *
 * <p>In this package because Flyway takes a Java migration only from its migrations' location.
 */
public final class HeldFilterInputKeysMigration implements JavaMigration {
  /** SQLSTATE of a unique key violation, on H2 and PostgreSQL. */
  private static final String UNIQUE_VIOLATION = "23505";

  @Override
  public MigrationVersion getVersion() {
    return MigrationVersion.fromVersion("172");
  }

  @Override
  public String getDescription() {
    return "held filter rows keyed by an 8-byte key of their input";
  }

  @Override
  public Integer getChecksum() {
    return 172;
  }

  @Override
  public boolean canExecuteInTransaction() {
    return true;
  }

  @Override
  public void migrate(Context context) throws SQLException {
    carryOver(context.getConnection());
  }

  /**
   * Makes the keyed table from the one of V170, with its rows, in the caller's transaction (or in
   * one of its own on a connection that commits each statement).
   */
  public static void carryOver(Connection c) throws SQLException {
    if (!c.getAutoCommit()) {
      keyedTable(c);
      return;
    }
    c.setAutoCommit(false);
    try {
      keyedTable(c);
      c.commit();
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
  }

  private static void keyedTable(Connection c) throws SQLException {
    String sha256 =
        "H2".equals(c.getMetaData().getDatabaseProductName())
            ? "HASH('SHA-256', h.input)"
            : "sha256(h.input)";
    try (Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE held_filter_rows_by_key ("
              + " filter_id INTEGER NOT NULL,"
              + " input_key BYTEA NOT NULL,"
              + " ref_id INTEGER NOT NULL,"
              + " prf_head BYTEA NOT NULL,"
              + " prf_tail BYTEA NOT NULL,"
              + " CONSTRAINT held_filter_rows_by_input_key"
              + " PRIMARY KEY (filter_id, input_key, ref_id))");
      Savepoint empty = c.setSavepoint();
      try {
        s.execute(
            "INSERT INTO held_filter_rows_by_key"
                + " (filter_id, input_key, ref_id, prf_head, prf_tail)"
                + " SELECT h.filter_id, SUBSTRING("
                + sha256
                + " FROM 1 FOR 8), h.ref_id, h.prf_head, h.prf_tail FROM held_filter_rows h"
                + " ORDER BY 1, 2, 3");
      } catch (SQLException e) {
        if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
          throw e;
        }
        // two inputs of one filter and reference share a key (2^-64 a pair): no row is carried
        // over, and the filters evaluate their PRF values again after the start (decision 0074)
        c.rollback(empty);
      }
      s.execute("DROP TABLE held_filter_rows");
      s.execute("ALTER TABLE held_filter_rows_by_key RENAME TO held_filter_rows");
      s.execute("CREATE INDEX held_filter_rows_by_prf ON held_filter_rows (filter_id, prf_head)");
      s.execute("CREATE INDEX held_filter_rows_by_ref ON held_filter_rows (filter_id, ref_id)");
    }
  }
}

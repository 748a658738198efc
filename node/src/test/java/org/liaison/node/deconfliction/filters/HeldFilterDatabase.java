package org.liaison.node.deconfliction.filters;

import db.migration.HeldFilterInputKeysMigration;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.liaison.wire.v1.MatchKind;

/**
 * An H2 database with the node's own migration of the held filters' tables, for tests and tools
 * that make {@link HeldFilter}s without the node around them.
 */
final class HeldFilterDatabase {
  private HeldFilterDatabase() {}

  /** A fresh database in memory. */
  static DataSource inMemory() {
    return at("jdbc:h2:mem:held-filters-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
  }

  /** A fresh database in a file (its pages not in the heap). */
  static DataSource inFile(String path) {
    return at("jdbc:h2:file:" + path + ";CACHE_SIZE=4096");
  }

  /** Migration 172, in Java ({@link HeldFilterInputKeysMigration}). */
  static final String INPUT_KEYS = "V172";

  /** The node's migrations of the held filters' tables, in order. */
  static final List<String> MIGRATIONS =
      List.of(
          "V166__held_filter_values.sql",
          "V167__held_filter_values_by_ref.sql",
          "V168__held_filter_rows.sql",
          "V170__held_filter_refs.sql",
          INPUT_KEYS);

  private static DataSource at(String url) {
    JdbcDataSource db = new JdbcDataSource();
    db.setURL(url);
    migrate(db, MIGRATIONS);
    return db;
  }

  /** A fresh database in memory with these of the migrations only. */
  static DataSource inMemoryThrough(String lastMigration) {
    JdbcDataSource db = new JdbcDataSource();
    db.setURL("jdbc:h2:mem:held-filters-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    migrate(db, MIGRATIONS.subList(0, MIGRATIONS.indexOf(lastMigration) + 1));
    return db;
  }

  static void migrate(DataSource db, List<String> migrations) {
    try (Connection c = db.getConnection();
        Statement s = c.createStatement()) {
      for (String m : migrations) {
        if (m.equals(INPUT_KEYS)) {
          HeldFilterInputKeysMigration.carryOver(c);
        } else {
          s.execute("RUNSCRIPT FROM 'classpath:/db/migration/" + m + "'");
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The rows of the test partner's target filter in this epoch. */
  static HeldFilterRows rows(DataSource db, long epoch) {
    return new HeldFilterRows(
        db, new HeldFilterRows.Filter("us.fbi", "MOU-TEST", MatchKind.TARGET), epoch);
  }
}

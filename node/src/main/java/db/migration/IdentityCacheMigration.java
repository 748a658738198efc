package db.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Migration 169 (decision 0060): on H2, the identity columns of the tables a bulk import fills
 * reserve {@link #CACHE} values at a time instead of 32. H2 records an identity's reserved values
 * by committing its store each time they run out, and a commit writes every page the import has
 * changed so far: with 32 values that was one store write per 32 rows of each table, about a fifth
 * of the import thread's time (decision 0060). The values stay in order (one sequence for the whole
 * database); a restart after a crash skips at most {@link #CACHE} ids per table.
 *
 * <p>Nothing on PostgreSQL: there each connection caches its own values, so rows committed one
 * after the other could get ids out of order, and a partner filter follows a case's subjects by
 * increasing id. PostgreSQL does not commit anything to hand out an id.
 *
 * <p>In this package because Flyway takes a Java migration only from its migrations' location.
 */
public final class IdentityCacheMigration implements JavaMigration {
  /** Ids reserved at a time: a full import batch of one kind of line reserves once. */
  static final int CACHE = 10_000;

  /** The tables with an identity column that an import batch inserts into. */
  static final List<String> TABLES =
      List.of("cases", "subjects", "identifiers", "records", "operations");

  @Override
  public MigrationVersion getVersion() {
    return MigrationVersion.fromVersion("169");
  }

  @Override
  public String getDescription() {
    return "identity cache of imported tables on H2";
  }

  @Override
  public Integer getChecksum() {
    return CACHE;
  }

  @Override
  public boolean canExecuteInTransaction() {
    return true;
  }

  @Override
  public void migrate(Context context) throws SQLException {
    Connection c = context.getConnection();
    if (!"H2".equals(c.getMetaData().getDatabaseProductName())) {
      return;
    }
    try (Statement s = c.createStatement()) {
      for (String table : TABLES) {
        s.execute("alter table " + table + " alter column id set cache " + CACHE);
      }
    }
  }
}

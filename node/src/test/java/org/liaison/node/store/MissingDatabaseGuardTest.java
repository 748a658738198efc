package org.liaison.node.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liaison.node.store.MissingDatabaseGuard.DatabaseUnavailable;

/** A real H2 file database behind a real Agroal pool, as the node runs them. */
class MissingDatabaseGuardTest {
  @TempDir Path dir;

  private AgroalDataSource pool(Path data, MissingDatabaseGuard guard) throws SQLException {
    AgroalDataSource pool =
        AgroalDataSource.from(
            new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(
                    cp ->
                        cp.maxSize(2).connectionFactoryConfiguration(cf -> cf.jdbcUrl(url(data)))));
    pool.setPoolInterceptors(List.of(guard));
    return pool;
  }

  private static String url(Path data) {
    return "jdbc:h2:file:" + data.resolve("node") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
  }

  private static void execute(AgroalDataSource pool, String sql) throws SQLException {
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static long records(AgroalDataSource pool) throws SQLException {
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT COUNT(*) FROM records")) {
      r.next();
      return r.getLong(1);
    }
  }

  @Test
  void aDataFolderThatGoesAway_isRefusedNotReplacedByAnEmptyDatabase_andServesAgainWhenBack()
      throws Exception {
    Path data = Files.createDirectories(dir.resolve("data"));
    try (Connection c = DriverManager.getConnection(url(data));
        Statement s = c.createStatement()) { // the node's start: its database made and migrated
      s.execute("CREATE TABLE records (id INT PRIMARY KEY)");
      s.execute("INSERT INTO records VALUES (1), (2)");
    } // H2 closes the database with its last connection
    MissingDatabaseGuard guard = new MissingDatabaseGuard();
    guard.arm();
    try (AgroalDataSource pool = pool(data, guard)) {
      Path away = Files.move(data, dir.resolve("elsewhere"));
      Files.createDirectories(data); // what a detached volume leaves: its empty mount point

      assertThatThrownBy(() -> records(pool))
          .isInstanceOf(DatabaseUnavailable.class)
          .hasMessageContaining("missing")
          .hasMessageContaining("restore its data folder");

      // the volume comes back: H2 must not still hold the empty database it made in between
      try (var made = Files.list(data)) {
        for (Path p : made.toList()) {
          Files.delete(p);
        }
      }
      Files.delete(data);
      Files.move(away, data);
      assertThat(records(pool)).as("the real database is served again").isEqualTo(2);
    }
  }

  @Test
  void beforeStart_anEmptyDatabaseIsMadeAsOnANewNode() throws Exception {
    try (AgroalDataSource pool = pool(dir.resolve("new"), new MissingDatabaseGuard())) {
      execute(pool, "CREATE TABLE records (id INT PRIMARY KEY)");
      assertThat(records(pool)).isZero();
    }
  }
}

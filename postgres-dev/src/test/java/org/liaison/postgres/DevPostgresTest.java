package org.liaison.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevPostgresTest {

  @TempDir Path dir;

  @Test
  void aRealServerKeepsCommittedRowsAcrossARestartOnTheSameFolder() throws Exception {
    try (DevPostgres db = DevPostgres.start(dir);
        Connection c = db.connect();
        Statement s = c.createStatement()) {
      ResultSet version = s.executeQuery("SHOW server_version");
      version.next();
      assertThat(version.getString(1)).startsWith("17.");
      s.execute("CREATE TABLE kept (id BIGINT PRIMARY KEY, note TEXT)");
      s.execute("INSERT INTO kept VALUES (1, 'committed before the stop')");
    }
    try (DevPostgres again = DevPostgres.start(dir);
        Connection c = again.connect();
        Statement s = c.createStatement()) {
      ResultSet rows = s.executeQuery("SELECT note FROM kept WHERE id = 1");
      assertThat(rows.next()).isTrue();
      assertThat(rows.getString(1)).isEqualTo("committed before the stop");
    }
  }
}

package db.migration;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

@QuarkusTest
class IdentityCacheMigrationTest {
  @Inject AgroalDataSource dataSource;

  @Test
  void theMigratedH2Database_reservesTheIdsOfImportedTablesTenThousandAtATime() throws Exception {
    try (Connection c = dataSource.getConnection();
        PreparedStatement q =
            c.prepareStatement(
                "select identity_cache from information_schema.columns"
                    + " where lower(table_name) = ? and lower(column_name) = 'id'")) {
      for (String table : IdentityCacheMigration.TABLES) {
        q.setString(1, table);
        try (ResultSet r = q.executeQuery()) {
          assertThat(r.next()).as(table).isTrue();
          assertThat(r.getLong(1)).as(table).isEqualTo(10_000L);
        }
      }
      // a table the import does not fill keeps H2's default
      q.setString(1, "dc_journal");
      try (ResultSet r = q.executeQuery()) {
        assertThat(r.next()).isTrue();
        assertThat(r.getLong(1)).isLessThan(10_000L);
      }
    }
  }
}

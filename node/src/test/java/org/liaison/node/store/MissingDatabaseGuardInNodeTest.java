package org.liaison.node.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MissingDatabaseGuardInNodeTest {
  @Inject AgroalDataSource dataSource;

  @Test
  void theNodesPool_checksEveryNewConnection_andAcceptsItsOwnDatabase() throws Exception {
    assertThat(dataSource.getPoolInterceptors()).anyMatch(MissingDatabaseGuard.class::isInstance);
    // a new connection after start passes the armed guard: StoreDurabilityTest reopens the database
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT COUNT(*) FROM records")) {
      assertThat(r.next()).isTrue();
    }
  }
}

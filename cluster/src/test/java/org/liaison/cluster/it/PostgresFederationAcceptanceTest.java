package org.liaison.cluster.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.liaison.cluster.Federation;
import org.liaison.cluster.FederationTest;
import org.liaison.postgres.DevPostgres;

/**
 * The reference federation's acceptance cases ({@link FederationAcceptanceTest}, every one) with
 * each agency's node on its own real PostgreSQL 17 server instead of H2. Runs in the {@code
 * postgresql} Maven profile, which builds the node for PostgreSQL (docs/decisions/0021).
 */
@FederationTest(
    agencies = {"us.ice", "us.cbp", "us.dea", "ru.skr", "us.ioc2"},
    postgresql = "*")
class PostgresFederationAcceptanceTest extends FederationAcceptanceTest {

  @Test
  @Order(8)
  void everyNodeKeepsItsCasesAndAuditLogInPostgresql_andNoH2File(Federation f) throws Exception {
    for (String agency : f.agencies()) {
      DevPostgres db = f.postgres(agency).orElseThrow();
      try (Connection c = db.connect();
          Statement s = c.createStatement()) {
        ResultSet version = s.executeQuery("SELECT version()");
        version.next();
        assertThat(version.getString(1)).as(agency).startsWith("PostgreSQL 17");
        assertThat(count(s, "SELECT count(*) FROM cases")).as(agency).isPositive();
        // the cases above were audited by every node that answered or asked
        assertThat(count(s, "SELECT count(*) FROM audit_log")).as(agency).isPositive();
      }
      try (var files = Files.walk(f.node(agency).dataDir())) {
        assertThat(files.filter(p -> p.toString().endsWith(".mv.db"))).as(agency).isEmpty();
      }
    }
  }

  private static long count(Statement s, String sql) throws Exception {
    ResultSet r = s.executeQuery(sql);
    r.next();
    return r.getLong(1);
  }
}

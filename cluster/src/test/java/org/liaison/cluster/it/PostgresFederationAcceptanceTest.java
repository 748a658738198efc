package org.liaison.cluster.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.liaison.cli.NodeClient;
import org.liaison.cluster.Federation;
import org.liaison.cluster.FederationTest;
import org.liaison.postgres.DevPostgres;
import org.liaison.wire.v1.PartnerAnswer;

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
  void everyNodeKeepsItsCasesAndAuditLogInPostgresql_andNoH2File(Federation f) throws Exception {
    // an exchange with every partner of ICE, so that every node has audited one
    Officers.awaitIceAnsweredByDea(f);
    try (NodeClient ice = f.node("us.ice").client()) {
      for (PartnerAnswer a :
          ice.queryAll(
              Officers.phoneQuery(
                  "+1 305 555 0142",
                  "DRUG_TRAFFICKING",
                  "ICE-MIA-2026-0311",
                  "us.cbp",
                  "us.dea",
                  "ru.skr",
                  "us.ioc2"))) {
        assertThat(a.getStatus()).as(a.toString()).isIn(Officers.ANSWERED);
      }
    }
    for (String agency : f.agencies()) {
      DevPostgres db = f.postgres(agency).orElseThrow();
      try (Connection c = db.connect();
          Statement s = c.createStatement()) {
        ResultSet version = s.executeQuery("SELECT version()");
        version.next();
        assertThat(version.getString(1)).as(agency).startsWith("PostgreSQL 17");
        assertThat(count(s, "SELECT count(*) FROM cases")).as(agency).isPositive();
        // the query above was audited by every node that answered or asked
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

package org.liaison.cluster.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.liaison.cli.LiaisonCommand;
import org.liaison.cli.NodeClient;
import org.liaison.cluster.AgencyNode;
import org.liaison.cluster.Federation;
import org.liaison.cluster.FederationTest;
import org.liaison.postgres.DevPostgres;
import org.liaison.wire.v1.Reason;

/**
 * Backup and restore of a node on PostgreSQL (runbook section 5, decision 0035), with real
 * processes: DEA's node runs on Debian's PostgreSQL 15 server, whose {@code pg_dump} and {@code
 * pg_restore} are of the same major version. The node refuses its own online copy ({@code
 * BACKUP_NOT_SUPPORTED}, naming {@code pg_dump}); {@code pg_dump -Fc} is taken while ICE's officers
 * query DEA; more exchanges follow; DEA is stopped, the dump restored with {@code pg_restore
 * --clean}, DEA started: its own log verifies, and ICE's next consistency check records the
 * roll-back. Runs in the {@code postgresql} Maven profile (the node built for PostgreSQL).
 */
@FederationTest(
    agencies = {"us.ice", "us.dea"},
    postgresql = "us.dea",
    postgresqlBinaries = PostgresBackupRestoreAcceptanceTest.DEBIAN_POSTGRESQL,
    nodeOptions = {"us.dea/liaison.admin.officers=officer-1"})
class PostgresBackupRestoreAcceptanceTest {
  static final String DEBIAN_POSTGRESQL = "/usr/lib/postgresql/15/bin";

  @Test
  void pgDumpWhileQueried_pgRestoreDetectedAsRollBackByThePartner(Federation f) throws Exception {
    Path bin = Path.of(DEBIAN_POSTGRESQL);
    assumeTrue(
        Files.isExecutable(bin.resolve("pg_dump")),
        "Debian's postgresql-15 is not installed (the test command installs it: .ci/test-tools)");
    AgencyNode dea = f.node("us.dea");
    AgencyNode ice = f.node("us.ice");
    DevPostgres db = f.postgres("us.dea").orElseThrow();

    // the dump tools are of the server's major version
    int serverMajor;
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      ResultSet r = s.executeQuery("SHOW server_version_num");
      r.next();
      serverMajor = Integer.parseInt(r.getString(1)) / 10_000;
    }
    assertThat(serverMajor).isEqualTo(15);
    assertThat(majorOf(run(List.of(bin.resolve("pg_dump").toString(), "--version")).out()))
        .isEqualTo(serverMajor);
    assertThat(majorOf(run(List.of(bin.resolve("pg_restore").toString(), "--version")).out()))
        .isEqualTo(serverMajor);

    // the node does not copy a PostgreSQL database itself, and says what to use instead
    Officers.Cli refused = Officers.cli(dea, "backup", "create");
    assertThat(refused.exit()).isEqualTo(LiaisonCommand.FAILED);
    assertThat(refused.err()).contains(Reason.BACKUP_NOT_SUPPORTED.name()).contains("pg_dump");

    // officers keep asking DEA while the dump is taken
    Path dump = f.workDir().resolve("us.dea-node-1.dump");
    try (NodeClient iceClient = ice.client()) {
      BackupUnderQueries.whileQueried(
          iceClient,
          "ICE-PGDUMP-",
          "pg_dump",
          () -> {
            Proc dumped = run(pgArgs(bin, "pg_dump", db, "-Fc", "-f", dump.toString()));
            assertThat(dumped.exit()).as(dumped.out()).isZero();
            return dump;
          },
          d -> d.toFile().length());
    }
    // the dump's own table of contents lists the audit log's data
    Proc toc = run(List.of(bin.resolve("pg_restore").toString(), "--list", dump.toString()));
    assertThat(toc.exit()).as(toc.out()).isZero();
    assertThat(toc.out()).contains("TABLE DATA public audit_log");

    // more exchanges after the dump: ICE now holds a checkpoint of DEA beyond it
    try (NodeClient iceClient = ice.client()) {
      BackupUnderQueries.exchangesAfter(iceClient, "ICE-AFTER-DUMP-");
    }
    long heldBefore;
    try (NodeClient iceClient = ice.client()) {
      heldBefore = BackupUnderQueries.heldOf(iceClient, "us.dea");
    }
    long auditRowsBefore = auditRows(db);

    dea.stop();
    Proc restored =
        run(pgArgs(bin, "pg_restore", db, "--clean", "--if-exists", "--single-transaction", dump));
    assertThat(restored.exit()).as(restored.out()).isZero();
    long auditRowsAfter = auditRows(db);
    System.out.printf(
        "pg_restore: audit_log %d rows before, %d after; ICE held a checkpoint of %d%n",
        auditRowsBefore, auditRowsAfter, heldBefore);
    assertThat(auditRowsAfter).isPositive().isLessThan(auditRowsBefore);
    dea.start();

    try (NodeClient deaClient = dea.client();
        NodeClient iceClient = ice.client()) {
      // the restored node's own log verifies, and is the older, shorter one
      BackupUnderQueries.restoredLogVerifies(deaClient, heldBefore);
      // the restored node answers again, and ICE's next consistency check finds the roll-back
      BackupUnderQueries.rollBackFoundBy(iceClient);
    }
  }

  private static List<String> pgArgs(Path bin, String tool, DevPostgres db, Object... rest) {
    List<String> args = new ArrayList<>();
    args.add(bin.resolve(tool).toString());
    args.addAll(
        List.of(
            "-h",
            "127.0.0.1",
            "-p",
            Integer.toString(db.port()),
            "-U",
            DevPostgres.USER,
            "-d",
            DevPostgres.DATABASE));
    for (Object r : rest) {
      args.add(r.toString());
    }
    return args;
  }

  private static long auditRows(DevPostgres db) throws Exception {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      ResultSet r = s.executeQuery("SELECT count(*) FROM audit_log");
      r.next();
      return r.getLong(1);
    }
  }

  private static int majorOf(String version) {
    Matcher m = Pattern.compile("\\(PostgreSQL\\) (\\d+)").matcher(version);
    assertThat(m.find()).as(version).isTrue();
    return Integer.parseInt(m.group(1));
  }

  private record Proc(int exit, String out) {}

  private static Proc run(List<String> command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).as(String.join(" ", command)).isTrue();
    return new Proc(p.exitValue(), out);
  }
}

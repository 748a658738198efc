package org.liaison.cluster.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.util.JsonFormat;
import io.grpc.StatusRuntimeException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.liaison.cli.LiaisonCommand;
import org.liaison.cli.NodeClient;
import org.liaison.cluster.AgencyNode;
import org.liaison.cluster.Federation;
import org.liaison.cluster.FederationTest;
import org.liaison.wire.audit.AuditBundles;
import org.liaison.wire.transport.Refusals;
import org.liaison.wire.v1.AuditBundle;
import org.liaison.wire.v1.AuditExportRequest;
import org.liaison.wire.v1.AuditKind;
import org.liaison.wire.v1.AuditRecord;
import org.liaison.wire.v1.AuditVerifyReport;
import org.liaison.wire.v1.BackupReport;
import org.liaison.wire.v1.BackupRequest;
import org.liaison.wire.v1.NodeAdminGrpc;
import org.liaison.wire.v1.Reason;

/**
 * Online backup and restore of a running node (decision 0027), with real processes: DEA is backed
 * up by its administrator while ICE's officers query it; more exchanges follow; DEA is stopped, the
 * backup restored with {@code liaison backup restore} and DEA started again. DEA's own log
 * verifies, and ICE's next consistency check records the roll-back as a finding that its operator
 * sees (finding list, CLI exit 1, ERROR log line).
 */
@FederationTest(
    agencies = {"us.ice", "us.dea"},
    nodeOptions = {"us.dea/liaison.admin.officers=officer-1"})
class BackupRestoreAcceptanceTest {
  @Test
  void onlineBackupWhileQueried_restoreDetectedAsRollBackByThePartner(Federation f)
      throws Exception {
    AgencyNode dea = f.node("us.dea");
    AgencyNode ice = f.node("us.ice");

    // ICE's administrator list is empty: its officer may not take a backup
    try (NodeClient iceClient = ice.client()) {
      assertThatThrownBy(
              () ->
                  NodeAdminGrpc.newBlockingStub(iceClient.channel())
                      .backup(BackupRequest.getDefaultInstance()))
          .isInstanceOfSatisfying(
              StatusRuntimeException.class,
              e -> assertThat(Refusals.reasonOf(e)).contains(Reason.NOT_AN_ADMINISTRATOR));
    }

    // officers keep asking DEA while its administrator backs it up
    BackupReport report;
    try (NodeClient iceClient = ice.client()) {
      report =
          BackupUnderQueries.whileQueried(
              iceClient,
              "ICE-BACKUP-",
              "backup",
              () -> {
                Officers.Cli created = Officers.cli(dea, "backup", "create", "--json");
                assertThat(created.exit()).as(created.err()).isZero();
                BackupReport.Builder b = BackupReport.newBuilder();
                JsonFormat.parser().merge(created.out().strip(), b);
                return b.build();
              },
              BackupReport::getBytes);
    }
    Path backup = Path.of(report.getFolder());
    assertThat(backup.resolve("node.zip")).isRegularFile();
    assertThat(backup.resolve("backup.properties")).isRegularFile();
    assertThat(report.getDatabase()).isEqualTo("H2");
    assertThat(report.getAuditTreeSize()).isPositive();

    // more exchanges after the backup: ICE now holds a checkpoint of DEA beyond the backup
    try (NodeClient iceClient = ice.client()) {
      BackupUnderQueries.exchangesAfter(iceClient, "ICE-AFTER-BACKUP-");
      assertThat(BackupUnderQueries.heldOf(iceClient, "us.dea"))
          .isGreaterThan(report.getAuditTreeSize() + 5);
    }

    // a restore into a running node is refused and changes nothing
    Officers.Cli refused =
        Officers.offline(
            "backup", "restore", backup.toString(), "--data-dir", dea.dataDir().toString());
    assertThat(refused.exit()).isEqualTo(LiaisonCommand.FAILED);
    assertThat(refused.err()).contains("is open in a running node");

    long heldBefore;
    try (NodeClient iceClient = ice.client()) {
      heldBefore = BackupUnderQueries.heldOf(iceClient, "us.dea");
    }
    dea.stop();
    Officers.Cli restored =
        Officers.offline(
            "backup", "restore", backup.toString(), "--data-dir", dea.dataDir().toString());
    System.out.println(restored.out());
    assertThat(restored.exit()).as(restored.err()).isZero();
    assertThat(restored.out()).contains("PARTNER_HISTORY_INCONSISTENT");
    try (var aside = Files.list(dea.dataDir())) {
      assertThat(aside.map(p -> p.getFileName().toString()))
          .anyMatch(n -> n.startsWith("node.mv.db.before-restore-"));
    }
    dea.start();

    try (NodeClient deaClient = dea.client();
        NodeClient iceClient = ice.client()) {
      // the restored node's own log verifies, and is the older, shorter one
      AuditVerifyReport self = BackupUnderQueries.restoredLogVerifies(deaClient, heldBefore);
      assertThat(self.getTreeSize()).isBetween(report.getAuditTreeSize(), heldBefore - 1);
      AuditBundle log =
          AuditBundles.join(
              BackupUnderQueries.audit(deaClient).export(AuditExportRequest.getDefaultInstance()));
      assertThat(log.getRecordsList())
          .map(AuditRecord::getDecoded)
          .anySatisfy(
              e -> {
                assertThat(e.getKind()).isEqualTo(AuditKind.ADMINISTRATION);
                assertThat(e.getOutcome()).isEqualTo("BACKUP");
                assertThat(e.getOfficerId()).isEqualTo("officer-1");
              });

      // the restored node answers again, and ICE's next consistency check finds the roll-back,
      // and its operator sees it
      BackupUnderQueries.rollBackFoundBy(iceClient);
      Officers.Cli findings = Officers.cli(ice, "audit", "findings");
      assertThat(findings.exit()).isEqualTo(LiaisonCommand.FAILED);
      assertThat(findings.out()).contains("PARTNER_HISTORY_INCONSISTENT").contains("us.dea");
      assertThat(Files.readString(ice.log()))
          .containsPattern("ERROR .*PARTNER_HISTORY_INCONSISTENT: .*us\\.dea");
    }
  }
}

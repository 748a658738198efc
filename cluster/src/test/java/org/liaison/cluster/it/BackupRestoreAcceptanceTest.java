package org.liaison.cluster.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.util.JsonFormat;
import io.grpc.StatusRuntimeException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.liaison.cli.LiaisonCommand;
import org.liaison.cli.NodeClient;
import org.liaison.cluster.AgencyNode;
import org.liaison.cluster.Federation;
import org.liaison.cluster.FederationTest;
import org.liaison.wire.audit.AuditBundles;
import org.liaison.wire.transport.Refusals;
import org.liaison.wire.v1.AuditBundle;
import org.liaison.wire.v1.AuditCheckpoint;
import org.liaison.wire.v1.AuditExportRequest;
import org.liaison.wire.v1.AuditFinding;
import org.liaison.wire.v1.AuditFindings;
import org.liaison.wire.v1.AuditFindingsRequest;
import org.liaison.wire.v1.AuditGrpc;
import org.liaison.wire.v1.AuditKind;
import org.liaison.wire.v1.AuditRecord;
import org.liaison.wire.v1.AuditVerifyReport;
import org.liaison.wire.v1.AuditVerifyRequest;
import org.liaison.wire.v1.BackupReport;
import org.liaison.wire.v1.BackupRequest;
import org.liaison.wire.v1.NodeAdminGrpc;
import org.liaison.wire.v1.PartnerAnswer;
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
  private static final Set<PartnerAnswer.Status> ANSWERED =
      Set.of(
          PartnerAnswer.Status.MATCH, PartnerAnswer.Status.NO_MATCH, PartnerAnswer.Status.REFUSED);

  private static AuditGrpc.AuditBlockingStub audit(NodeClient c) {
    return AuditGrpc.newBlockingStub(c.channel()).withDeadlineAfter(2, TimeUnit.MINUTES);
  }

  private static long heldOf(NodeClient ice, String agency) {
    AuditFindings held = audit(ice).findings(AuditFindingsRequest.getDefaultInstance());
    return held.getPartnerCheckpointsList().stream()
        .filter(c -> c.getAgency().equals(agency))
        .mapToLong(AuditCheckpoint::getTreeSize)
        .max()
        .orElse(0);
  }

  private static PartnerAnswer ask(NodeClient ice, String caseRef) {
    return Officers.from(
        ice.queryAll(Officers.phoneQuery("+1 305 555 0142", "DRUG_TRAFFICKING", caseRef, "us.dea")),
        "us.dea");
  }

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
    Map<String, String> outcomes = new ConcurrentHashMap<>();
    AtomicInteger next = new AtomicInteger();
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService officers = Executors.newFixedThreadPool(2);
    BackupReport report;
    try (NodeClient iceClient = ice.client()) {
      List<Future<?>> loops =
          List.of(
              officers.submit(() -> queryLoop(iceClient, next, stop, outcomes)),
              officers.submit(() -> queryLoop(iceClient, next, stop, outcomes)));
      awaitAnswers(outcomes, 4);
      int before = outcomes.size();
      long t0 = System.nanoTime();
      Officers.Cli created = Officers.cli(dea, "backup", "create", "--json");
      long backupMs = (System.nanoTime() - t0) / 1_000_000;
      assertThat(created.exit()).as(created.err()).isZero();
      BackupReport.Builder b = BackupReport.newBuilder();
      JsonFormat.parser().merge(created.out().strip(), b);
      report = b.build();
      awaitAnswers(outcomes, outcomes.size() + 4);
      stop.set(true);
      for (Future<?> l : loops) {
        l.get(2, TimeUnit.MINUTES);
      }
      long failed = outcomes.values().stream().filter(s -> !isAnswered(s)).count();
      System.out.printf(
          "backup: %d ms, %,d bytes; queries while it ran: %d before, %d in all, %d failed%n",
          backupMs, report.getBytes(), before, outcomes.size(), failed);
      assertThat(outcomes.values()).as("every query answered").allMatch(this::isAnswered);
    } finally {
      officers.shutdownNow();
    }
    Path backup = Path.of(report.getFolder());
    assertThat(backup.resolve("node.zip")).isRegularFile();
    assertThat(backup.resolve("backup.properties")).isRegularFile();
    assertThat(report.getDatabase()).isEqualTo("H2");
    assertThat(report.getAuditTreeSize()).isPositive();

    // more exchanges after the backup: ICE now holds a checkpoint of DEA beyond the backup
    try (NodeClient iceClient = ice.client()) {
      for (int i = 0; i < 5; i++) {
        assertThat(ask(iceClient, "ICE-AFTER-BACKUP-" + i).getStatus()).isIn(ANSWERED);
      }
      Thread.sleep(
          1_000); // the checkpoint in the last answer's header is settled in the background
      assertThat(heldOf(iceClient, "us.dea")).isGreaterThan(report.getAuditTreeSize() + 5);
    }

    // a restore into a running node is refused and changes nothing
    Cli refused =
        liaison("backup", "restore", backup.toString(), "--data-dir", dea.dataDir().toString());
    assertThat(refused.exit()).isEqualTo(LiaisonCommand.FAILED);
    assertThat(refused.err()).contains("is open in a running node");

    long heldBefore;
    try (NodeClient iceClient = ice.client()) {
      heldBefore = heldOf(iceClient, "us.dea");
    }
    dea.stop();
    Cli restored =
        liaison("backup", "restore", backup.toString(), "--data-dir", dea.dataDir().toString());
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
      AuditVerifyReport self = audit(deaClient).verify(AuditVerifyRequest.getDefaultInstance());
      assertThat(self.getProblemsList()).isEmpty();
      assertThat(self.getOk()).isTrue();
      assertThat(self.getTreeSize()).isBetween(report.getAuditTreeSize(), heldBefore - 1);
      AuditBundle log =
          AuditBundles.join(audit(deaClient).export(AuditExportRequest.getDefaultInstance()));
      assertThat(log.getRecordsList())
          .map(AuditRecord::getDecoded)
          .anySatisfy(
              e -> {
                assertThat(e.getKind()).isEqualTo(AuditKind.ADMINISTRATION);
                assertThat(e.getOutcome()).isEqualTo("BACKUP");
                assertThat(e.getOfficerId()).isEqualTo("officer-1");
              });

      // the restored node answers again
      assertThat(ask(iceClient, "ICE-AFTER-RESTORE").getStatus()).isIn(ANSWERED);

      // ICE's next consistency check finds the roll-back, and its operator sees it
      AuditFindings found =
          audit(iceClient)
              .findings(AuditFindingsRequest.newBuilder().setCheckPartnersNow(true).build());
      assertThat(found.getFindingsList())
          .as("ICE's findings after DEA's restore")
          .anySatisfy(
              (AuditFinding x) -> {
                assertThat(x.getPartnerAgency()).isEqualTo("us.dea");
                assertThat(x.getKind()).isEqualTo(Reason.PARTNER_HISTORY_INCONSISTENT.name());
              });
      System.out.println(
          "ICE's findings: "
              + found.getFindingsList().stream().map(AuditFinding::getDetail).toList());
      Officers.Cli findings = Officers.cli(ice, "audit", "findings");
      assertThat(findings.exit()).isEqualTo(LiaisonCommand.FAILED);
      assertThat(findings.out()).contains("PARTNER_HISTORY_INCONSISTENT").contains("us.dea");
      assertThat(Files.readString(ice.log()))
          .containsPattern("ERROR .*PARTNER_HISTORY_INCONSISTENT: .*us\\.dea");
    }
  }

  private boolean isAnswered(String status) {
    return ANSWERED.stream().anyMatch(s -> s.name().equals(status));
  }

  private static Void queryLoop(
      NodeClient ice, AtomicInteger next, AtomicBoolean stop, Map<String, String> outcomes) {
    while (!stop.get()) {
      String caseRef = "ICE-BACKUP-" + next.getAndIncrement();
      try {
        outcomes.put(caseRef, ask(ice, caseRef).getStatus().name());
      } catch (RuntimeException e) {
        outcomes.put(caseRef, e.toString());
      }
    }
    return null;
  }

  private static void awaitAnswers(Map<String, String> outcomes, int count)
      throws InterruptedException {
    long giveUp = System.currentTimeMillis() + 120_000;
    while (outcomes.size() < count) {
      assertThat(System.currentTimeMillis()).as(count + " answers").isLessThan(giveUp);
      Thread.sleep(20);
    }
  }

  private record Cli(int exit, String out, String err) {}

  /** The command line with no connection options (restore runs on the node's host, offline). */
  private static Cli liaison(String... args) {
    var cl = LiaisonCommand.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int exit = cl.execute(args);
    return new Cli(exit, out.toString(), err.toString());
  }
}

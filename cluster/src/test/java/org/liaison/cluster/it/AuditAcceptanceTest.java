package org.liaison.cluster.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
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
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.liaison.cli.NodeClient;
import org.liaison.cluster.AgencyNode;
import org.liaison.cluster.Federation;
import org.liaison.cluster.FederationTest;
import org.liaison.wire.audit.AuditBundleVerifier;
import org.liaison.wire.audit.AuditBundles;
import org.liaison.wire.audit.AuditCheckpoints;
import org.liaison.wire.v1.AuditBundle;
import org.liaison.wire.v1.AuditCheckpoint;
import org.liaison.wire.v1.AuditEntry;
import org.liaison.wire.v1.AuditExportRequest;
import org.liaison.wire.v1.AuditFindings;
import org.liaison.wire.v1.AuditFindingsRequest;
import org.liaison.wire.v1.AuditGrpc;
import org.liaison.wire.v1.AuditKind;
import org.liaison.wire.v1.AuditRecord;
import org.liaison.wire.v1.PartnerAnswer;

/**
 * The audit log across real processes: a query leaves entries on both sides, checkpoints travel in
 * envelopes, partners prove consistency to each other and pass on what they hold of others, and
 * each node's export verifies offline. Each test sets up the exchanges it needs and leaves DEA
 * answering, so they pass in any order.
 */
@FederationTest(agencies = {"us.ice", "us.dea", "us.cbp"})
class AuditAcceptanceTest {
  /** Statuses that mean the partner answered (a no-hit is information too). */
  private static final Set<PartnerAnswer.Status> ANSWERED = Officers.ANSWERED;

  private static AuditGrpc.AuditBlockingStub audit(NodeClient c) {
    return AuditGrpc.newBlockingStub(c.channel()).withDeadlineAfter(60, TimeUnit.SECONDS);
  }

  private static List<AuditEntry> entries(AuditBundle b) {
    return b.getRecordsList().stream().map(AuditRecord::getDecoded).toList();
  }

  @Test
  void query_isOnRecordOnBothSides_andBothExportsVerifyOffline(Federation f) {
    try (NodeClient ice = f.node("us.ice").client();
        NodeClient dea = f.node("us.dea").client()) {
      List<PartnerAnswer> answers =
          ice.queryAll(
              Officers.phoneQuery(
                  "+1 305 555 0142", "DRUG_TRAFFICKING", "ICE-MIA-2026-0311", "us.dea"));
      PartnerAnswer answer = Officers.from(answers, "us.dea");
      assertThat(answer.getStatus()).as(answer.toString()).isIn(ANSWERED);

      AuditBundle deaLog =
          AuditBundles.join(audit(dea).export(AuditExportRequest.getDefaultInstance()));
      assertThat(AuditBundleVerifier.verify(deaLog).problems()).isEmpty();
      AuditEntry disclosed =
          entries(deaLog).stream()
              .filter(e -> e.getRequestingAgency().equals("us.ice"))
              .filter(e -> e.getCaseReference().equals("ICE-MIA-2026-0311"))
              .filter(e -> e.getKind() != AuditKind.DECISION)
              .findFirst()
              .orElseThrow(
                  () ->
                      new AssertionError(
                          "DEA has no entry for the answer " + answer + " in " + entries(deaLog)));
      // each record considered is its own DECISION entry, under the same message id, before it
      if (answer.getStatus() == PartnerAnswer.Status.MATCH) {
        assertThat(entries(deaLog))
            .anySatisfy(
                e -> {
                  assertThat(e.getKind()).isEqualTo(AuditKind.DECISION);
                  assertThat(e.getMessageId()).isEqualTo(disclosed.getMessageId());
                  assertThat(e.getIndex()).isLessThan(disclosed.getIndex());
                });
      }
      assertThat(disclosed.getKind()).isIn(AuditKind.DISCLOSURE, AuditKind.REFUSAL);
      assertThat(disclosed.getPurpose()).isEqualTo("DRUG_TRAFFICKING");
      assertThat(disclosed.getAgreementId()).isEqualTo("dea-ice-xdes-2009");
      assertThat(disclosed.getOutcome()).isEqualTo(answer.getStatus().name());
      assertThat(disclosed.getData(0).getIdentifierType()).isEqualTo("PHONE");
      // the probe is kept (salted) only if it matched
      assertThat(disclosed.getData(0).getSaltedHash().isEmpty())
          .isEqualTo(answer.getStatus() != PartnerAnswer.Status.MATCH);

      AuditBundle iceLog =
          AuditBundles.join(audit(ice).export(AuditExportRequest.getDefaultInstance()));
      assertThat(AuditBundleVerifier.verify(iceLog).problems()).isEmpty();
      assertThat(entries(iceLog))
          .anySatisfy(
              e -> {
                assertThat(e.getOutcome()).isEqualTo("SENT");
                assertThat(e.getMessageId()).isEqualTo(disclosed.getMessageId());
              })
          .anySatisfy(
              e -> {
                assertThat(e.getKind()).isEqualTo(AuditKind.QUERY);
                assertThat(e.getOutcome()).isEqualTo(answer.getStatus().name());
                assertThat(e.getAnsweringAgency()).isEqualTo("us.dea");
              });

      // ICE holds the checkpoint DEA's answer carried, which covers the disclosure
      AuditFindings held = audit(ice).findings(AuditFindingsRequest.getDefaultInstance());
      AuditCheckpoint deaHead =
          held.getPartnerCheckpointsList().stream()
              .filter(c -> c.getAgency().equals("us.dea"))
              .findFirst()
              .orElseThrow();
      assertThat(deaHead.getTreeSize()).isGreaterThan(disclosed.getIndex());
    }
  }

  @Test
  void partnersProveConsistency_andPassOnWhatTheyHoldOfOthers(Federation f) {
    try (NodeClient ice = f.node("us.ice").client();
        NodeClient dea = f.node("us.dea").client();
        NodeClient cbp = f.node("us.cbp").client()) {
      // ICE exchanges with both partners here, whatever ran before: it holds a checkpoint of each,
      // and DEA's next exchange with ICE can carry CBP's
      Officers.awaitIceAnsweredByDea(f);
      ice.queryAll(
          Officers.phoneQuery(
              "+1 305 555 0142", "DRUG_TRAFFICKING", "ICE-MIA-2026-0312", "us.cbp"));

      AuditFindings iceView =
          audit(ice).findings(AuditFindingsRequest.newBuilder().setCheckPartnersNow(true).build());
      assertThat(iceView.getFindingsList()).isEmpty();
      assertThat(iceView.getPartnerCheckpointsList())
          .extracting(AuditCheckpoint::getAgency)
          .contains("us.dea", "us.cbp");

      // DEA has no agreement with CBP, but learns CBP's checkpoint from ICE's answer (gossip)
      AuditFindings deaView =
          audit(dea).findings(AuditFindingsRequest.newBuilder().setCheckPartnersNow(true).build());
      assertThat(deaView.getFindingsList()).isEmpty();
      assertThat(deaView.getPartnerCheckpointsList())
          .extracting(AuditCheckpoint::getAgency)
          .contains("us.ice", "us.cbp");

      AuditBundle cbpLog =
          AuditBundles.join(audit(cbp).export(AuditExportRequest.getDefaultInstance()));
      AuditBundleVerifier.Report report = AuditBundleVerifier.verify(cbpLog);
      assertThat(report.problems()).isEmpty();
      AuditCheckpoint last = AuditCheckpoints.parse(cbpLog.getCheckpoint()).orElseThrow();
      assertThat(last.getTreeSize()).isEqualTo(cbpLog.getRecordsCount());
    }
  }

  /**
   * A node killed with SIGKILL while it answers a stream of queries: every answer the asking
   * officer received (hit, no-hit or refusal) is on the answering node's record after the restart,
   * and the log verifies. (The reverse, an entry whose answer never arrived, is allowed: the entry
   * commits first.)
   */
  @Test
  void nodeKilledDuringDisclosures_neverDisclosedWithoutAnEntry(Federation f) throws Exception {
    AgencyNode dea = f.node("us.dea");
    Map<String, PartnerAnswer> received = new ConcurrentHashMap<>();
    AtomicInteger next = new AtomicInteger();
    AtomicBoolean killed = new AtomicBoolean();
    ExecutorService officers = Executors.newFixedThreadPool(4);
    try (NodeClient ice = f.node("us.ice").client()) {
      List<Future<?>> running = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        running.add(
            officers.submit(
                () -> {
                  // keep asking until well after the kill
                  long stopAt = Long.MAX_VALUE;
                  while (System.currentTimeMillis() < stopAt) {
                    String caseRef = "ICE-CRASH-" + next.getAndIncrement();
                    List<PartnerAnswer> a =
                        ice.queryAll(
                            Officers.phoneQuery(
                                "+1 305 555 0142", "DRUG_TRAFFICKING", caseRef, "us.dea"));
                    received.put(caseRef, Officers.from(a, "us.dea"));
                    if (killed.get() && stopAt == Long.MAX_VALUE) {
                      stopAt = System.currentTimeMillis() + 1_000;
                    }
                  }
                  return null;
                }));
      }
      long giveUp = System.currentTimeMillis() + 120_000;
      while (received.values().stream().filter(a -> ANSWERED.contains(a.getStatus())).count() < 8) {
        assertThat(System.currentTimeMillis()).as("8 answers before the kill").isLessThan(giveUp);
        Thread.sleep(20);
      }
      long pid = pidOf(dea);
      ProcessHandle.of(pid).orElseThrow().destroyForcibly(); // SIGKILL: no shutdown hook runs
      killed.set(true);
      for (Future<?> r : running) {
        r.get(2, TimeUnit.MINUTES);
      }
    } finally {
      officers.shutdownNow();
    }
    // some queries were cut off by the kill
    assertThat(received.values()).anyMatch(a -> !ANSWERED.contains(a.getStatus()));

    dea.start();
    AuditBundle log;
    try (NodeClient c = dea.client()) {
      log = AuditBundles.join(audit(c).export(AuditExportRequest.getDefaultInstance()));
    }
    assertThat(AuditBundleVerifier.verify(log).problems()).isEmpty();
    Set<String> onRecord =
        entries(log).stream()
            .filter(e -> e.getRequestingAgency().equals("us.ice"))
            .filter(e -> e.getKind() == AuditKind.DISCLOSURE || e.getKind() == AuditKind.REFUSAL)
            .map(AuditEntry::getCaseReference)
            .collect(Collectors.toSet());
    List<String> disclosed =
        received.entrySet().stream()
            .filter(e -> ANSWERED.contains(e.getValue().getStatus()))
            .map(Map.Entry::getKey)
            .toList();
    assertThat(disclosed).hasSizeGreaterThanOrEqualTo(8);
    assertThat(onRecord).containsAll(disclosed);
    // leave the federation as found: DEA answers ICE again
    Officers.awaitIceAnsweredByDea(f);
  }

  /** The node's process, found by its data folder on the command line. */
  private static long pidOf(AgencyNode node) {
    String marker = "-Dliaison.data-dir=" + node.dataDir();
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().orElse("").contains(marker))
        .mapToLong(ProcessHandle::pid)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no process with " + marker));
  }
}

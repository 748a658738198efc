package org.liaison.cluster.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import org.liaison.cli.NodeClient;
import org.liaison.wire.v1.AuditCheckpoint;
import org.liaison.wire.v1.AuditFinding;
import org.liaison.wire.v1.AuditFindings;
import org.liaison.wire.v1.AuditFindingsRequest;
import org.liaison.wire.v1.AuditGrpc;
import org.liaison.wire.v1.AuditVerifyReport;
import org.liaison.wire.v1.AuditVerifyRequest;
import org.liaison.wire.v1.PartnerAnswer;
import org.liaison.wire.v1.Reason;

/**
 * ICE's officers asking DEA about case 1's phone while DEA's database is copied, and what putting
 * that copy back must show: DEA's own log verifies and is shorter than what ICE held of it, DEA
 * answers again, and ICE's next consistency check records the roll-back. The backup tests on H2
 * (decision 0027) and on PostgreSQL (decision 0035) differ only in how the copy is taken and put
 * back.
 */
final class BackupUnderQueries {
  private BackupUnderQueries() {}

  /**
   * Runs {@code copy} while two of ICE's officers keep asking DEA (case references {@code
   * casePrefix} and a number), with at least four answers before it starts and four after it ends;
   * prints what happened ({@code what}, its time, its size by {@code bytes}, the queries) and fails
   * unless every query was answered (MATCH, NO_MATCH or REFUSED). Returns what {@code copy}
   * returned.
   */
  static <T> T whileQueried(
      NodeClient ice, String casePrefix, String what, Callable<T> copy, ToLongFunction<T> bytes)
      throws Exception {
    try (QueriesUnderChange queries =
        new QueriesUnderChange()
            .officer(casePrefix, caseRef -> ask(ice, caseRef))
            .officer(casePrefix, caseRef -> ask(ice, caseRef))) {
      awaitAnswers(queries, 4);
      int before = queries.count();
      long t0 = System.nanoTime();
      T result = copy.call();
      long ms = (System.nanoTime() - t0) / 1_000_000;
      int during = queries.count() - before;
      awaitAnswers(queries, queries.count() + 4);
      Map<String, String> outcomes = queries.stop();
      System.out.printf(
          "%s: %d ms, %,d bytes; queries: %d before, %d answered while it ran, %d in all,"
              + " %d failed%n",
          what,
          ms,
          bytes.applyAsLong(result),
          before,
          during,
          outcomes.size(),
          queries.failed().size());
      assertThat(outcomes.values()).as("every query answered").allMatch(Officers::isAnswered);
      return result;
    }
  }

  /**
   * Five more of ICE's queries to DEA, each answered, so that ICE holds a checkpoint of DEA beyond
   * the copy; returns once the last answer's checkpoint is settled (in the background, 1 s).
   */
  static void exchangesAfter(NodeClient ice, String casePrefix) throws InterruptedException {
    for (int i = 0; i < 5; i++) {
      assertThat(ask(ice, casePrefix + i).getStatus()).isIn(Officers.ANSWERED);
    }
    Thread.sleep(1_000);
  }

  /** The largest tree size of {@code agency}'s log that {@code node} holds a checkpoint of. */
  static long heldOf(NodeClient node, String agency) {
    AuditFindings held = audit(node).findings(AuditFindingsRequest.getDefaultInstance());
    return held.getPartnerCheckpointsList().stream()
        .filter(c -> c.getAgency().equals(agency))
        .mapToLong(AuditCheckpoint::getTreeSize)
        .max()
        .orElse(0);
  }

  /**
   * DEA's own log after the restore: it verifies, and is the older, shorter one (ICE held a
   * checkpoint of {@code heldBefore} entries).
   */
  static AuditVerifyReport restoredLogVerifies(NodeClient dea, long heldBefore) {
    AuditVerifyReport self = audit(dea).verify(AuditVerifyRequest.getDefaultInstance());
    assertThat(self.getProblemsList()).isEmpty();
    assertThat(self.getOk()).isTrue();
    assertThat(self.getTreeSize()).isLessThan(heldBefore);
    return self;
  }

  /**
   * The restored DEA answers ICE again, and ICE's next consistency check (asked for now) records
   * the roll-back as a finding about DEA; returns ICE's findings.
   */
  static AuditFindings rollBackFoundBy(NodeClient ice) {
    assertThat(ask(ice, "ICE-AFTER-RESTORE").getStatus()).isIn(Officers.ANSWERED);
    AuditFindings found =
        audit(ice).findings(AuditFindingsRequest.newBuilder().setCheckPartnersNow(true).build());
    System.out.println(
        "ICE's findings: "
            + found.getFindingsList().stream().map(AuditFinding::getDetail).toList());
    assertThat(found.getFindingsList())
        .as("ICE's findings after DEA's restore")
        .anySatisfy(
            (AuditFinding x) -> {
              assertThat(x.getPartnerAgency()).isEqualTo("us.dea");
              assertThat(x.getKind()).isEqualTo(Reason.PARTNER_HISTORY_INCONSISTENT.name());
            });
    return found;
  }

  static AuditGrpc.AuditBlockingStub audit(NodeClient c) {
    return AuditGrpc.newBlockingStub(c.channel()).withDeadlineAfter(2, TimeUnit.MINUTES);
  }

  private static PartnerAnswer ask(NodeClient ice, String caseRef) {
    return Officers.askCase1Phone(ice, caseRef, "us.dea");
  }

  private static void awaitAnswers(QueriesUnderChange queries, int count)
      throws InterruptedException {
    assertThat(queries.awaitCount(count, Duration.ofMinutes(2))).as(count + " answers").isTrue();
  }
}

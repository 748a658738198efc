package org.liaison.cluster.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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
    Map<String, String> outcomes = new ConcurrentHashMap<>();
    AtomicInteger next = new AtomicInteger();
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService officers = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> loops =
          List.of(
              officers.submit(() -> queryLoop(ice, casePrefix, next, stop, outcomes)),
              officers.submit(() -> queryLoop(ice, casePrefix, next, stop, outcomes)));
      awaitAnswers(outcomes, 4);
      int before = outcomes.size();
      long t0 = System.nanoTime();
      T result = copy.call();
      long ms = (System.nanoTime() - t0) / 1_000_000;
      int during = outcomes.size() - before;
      awaitAnswers(outcomes, outcomes.size() + 4);
      stop.set(true);
      for (Future<?> l : loops) {
        l.get(2, TimeUnit.MINUTES);
      }
      long failed = outcomes.values().stream().filter(s -> !Officers.isAnswered(s)).count();
      System.out.printf(
          "%s: %d ms, %,d bytes; queries: %d before, %d answered while it ran, %d in all,"
              + " %d failed%n",
          what, ms, bytes.applyAsLong(result), before, during, outcomes.size(), failed);
      assertThat(outcomes.values())
          .as("every query answered")
          .allMatch(Officers::isAnswered);
      return result;
    } finally {
      stop.set(true);
      officers.shutdownNow();
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
   * The restored DEA answers ICE again, and ICE's next consistency check (asked for now) records the
   * roll-back as a finding about DEA; returns ICE's findings.
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

  private static Void queryLoop(
      NodeClient ice,
      String casePrefix,
      AtomicInteger next,
      AtomicBoolean stop,
      Map<String, String> outcomes) {
    while (!stop.get()) {
      String caseRef = casePrefix + next.getAndIncrement();
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
}

package org.liaison.cluster.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.liaison.cluster.it.Officers.from;
import static org.liaison.wire.v1.PartnerAnswer.Status.MATCH;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.liaison.cli.NodeClient;
import org.liaison.cluster.Federation;
import org.liaison.cluster.FederationProcess;
import org.liaison.cluster.FederationTest;
import org.liaison.cluster.FreePorts;
import org.liaison.cluster.JavaProcess;
import org.liaison.cluster.RepositoryRoot;
import org.liaison.wire.audit.AuditBundleVerifier;
import org.liaison.wire.audit.AuditBundles;
import org.liaison.wire.journal.IntentFile;
import org.liaison.wire.v1.AuditBundle;
import org.liaison.wire.v1.AuditEntry;
import org.liaison.wire.v1.AuditExportRequest;
import org.liaison.wire.v1.AuditGrpc;
import org.liaison.wire.v1.AuditKind;
import org.liaison.wire.v1.AuditRecord;
import org.liaison.wire.v1.OfficerQueryRequest;
import org.liaison.wire.v1.PartnerAnswer;
import org.liaison.wire.v1.Reason;

/**
 * Faults on real processes (docs/abuse-and-faults.md): a partner that accepts connections and never
 * answers, a gateway restarted mid-query, the disclosing node killed with SIGKILL mid-disclosure, a
 * second node process on the same database, a busy node stopped with SIGTERM, the asking node
 * killed with a query in flight (decision 0055), clock skew between agencies inside and beyond the
 * allowed window (libfaketime). The loops run a few times by default; {@code
 * -Dliaison.faults.runs=100} runs them the 100 times. Each test starts once DEA answers
 * ICE, and restarts what it stopped, so they pass in any order.
 */
@FederationTest(
    agencies = {"us.ice", "us.dea", "us.cbp"},
    nodeOptions = {"quarkus.datasource.jdbc.acquisition-timeout=60S"},
    gatewayOptions = {"liaison.gateway.rate-per-second=100000"},
    // restarts are part of every test here; a 2-core machine shared with builds starts slowly
    readySeconds = 420)
class FaultsAcceptanceTest {
  /** How many times each loop runs: a few by default, 100 with the flag. */
  static final int RUNS = Integer.getInteger("liaison.faults.runs", 0);

  static final List<PartnerAnswer.Status> ANSWERED =
      List.of(
          PartnerAnswer.Status.MATCH, PartnerAnswer.Status.NO_MATCH, PartnerAnswer.Status.REFUSED);
  static final List<PartnerAnswer.Status> NOT_ANSWERED =
      List.of(PartnerAnswer.Status.UNAVAILABLE, PartnerAnswer.Status.DEADLINE_EXCEEDED);

  private static int runs(int byDefault) {
    return RUNS > 0 ? RUNS : byDefault;
  }

  private static OfficerQueryRequest query(int deadlineMs, String... partners) {
    return Officers.phoneQuery("+1 305 555 0142", "DRUG_TRAFFICKING", "ICE-MIA-2026-0311", partners)
        .toBuilder()
        .setDeadlineMs(deadlineMs)
        .build();
  }

  private static void signal(FederationProcess p, String signal) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start();
    assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(kill.exitValue()).as("kill -" + signal + " " + p).isZero();
  }

  @Test
  void warmUp_everyPartnerAnswers(Federation f) {
    try (NodeClient ice = f.node("us.ice").client()) {
      List<PartnerAnswer> answers = ice.queryAll(query(Officers.DEADLINE_MS));
      assertThat(from(answers, "us.dea").getStatus()).isEqualTo(PartnerAnswer.Status.MATCH);
      assertThat(from(answers, "us.cbp").getStatus()).isIn(ANSWERED);
    }
  }

  @Test
  void aPartnerThatAcceptsConnectionsAndNeverAnswers_duringFanOut_everyQueryEndsInItsDeadline(
      Federation f) throws Exception {
    awaitAnswering(f);
    // SIGSTOP: DEA's gateway keeps its sockets (the kernel still accepts connections) and answers
    // nothing, neither TLS nor HTTP/2
    signal(f.gateway("us.dea"), "STOP");
    int deadlineMs = 3000;
    Map<String, Integer> outcomes = new java.util.TreeMap<>();
    long slowest = 0;
    try (NodeClient ice = f.node("us.ice").client()) {
      for (int run = 0; run < runs(3); run++) {
        long t0 = System.nanoTime();
        List<PartnerAnswer> answers = ice.queryAll(query(deadlineMs));
        long took = (System.nanoTime() - t0) / 1_000_000;
        slowest = Math.max(slowest, took);
        outcomes.merge("DEA " + from(answers, "us.dea").getStatus(), 1, Integer::sum);
        outcomes.merge("CBP " + from(answers, "us.cbp").getStatus(), 1, Integer::sum);
        assertThat(took).as("run %d took", run).isLessThan(deadlineMs + 1500L);
        assertThat(from(answers, "us.dea").getStatus()).as("run %d", run).isIn(NOT_ANSWERED);
        assertThat(from(answers, "us.cbp").getStatus()).as("run %d", run).isIn(ANSWERED);
      }
      System.out.printf(
          "partner that never answers, %d runs: slowest query %d ms (deadline %d ms), %s%n",
          runs(3), slowest, deadlineMs, outcomes);
    } finally {
      signal(f.gateway("us.dea"), "CONT");
    }
    awaitAnswering(f);
  }

  @Test
  void aGatewayRestartedMidQuery_theQueryEndsInItsDeadline_andTheNextIsAnswered(Federation f)
      throws Exception {
    awaitAnswering(f);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    int deadlineMs = 5000;
    try (NodeClient ice = f.node("us.ice").client()) {
      Future<Long> inFlight =
          pool.submit(
              () -> {
                long t0 = System.nanoTime();
                List<PartnerAnswer> answers = ice.queryAll(query(deadlineMs, "us.dea"));
                assertThat(from(answers, "us.dea").getStatus())
                    .isIn(
                        PartnerAnswer.Status.MATCH,
                        PartnerAnswer.Status.UNAVAILABLE,
                        PartnerAnswer.Status.DEADLINE_EXCEEDED);
                return (System.nanoTime() - t0) / 1_000_000;
              });
      Thread.sleep(50);
      f.gateway("us.dea").restart();
      assertThat(inFlight.get(30, TimeUnit.SECONDS)).isLessThan(deadlineMs + 1500L);
    } finally {
      pool.shutdownNow();
    }
    awaitAnswering(f);
  }

  @Test
  void theDisclosingNodeKilledMidDisclosure_neverADisclosureWithoutItsAuditEntry(Federation f)
      throws Exception {
    awaitAnswering(f);
    int before = disclosuresToIce(f);
    AtomicInteger matchesReceived = new AtomicInteger();
    for (int run = 0; run < runs(2); run++) {
      AtomicBoolean asking = new AtomicBoolean(true);
      ExecutorService pool = Executors.newFixedThreadPool(4);
      List<Future<?>> askers = new ArrayList<>();
      try (NodeClient ice = f.node("us.ice").client()) {
        for (int t = 0; t < 4; t++) {
          askers.add(
              pool.submit(
                  () -> {
                    while (asking.get()) {
                      PartnerAnswer dea =
                          from(ice.queryAll(query(Officers.DEADLINE_MS, "us.dea")), "us.dea");
                      if (dea.getStatus() == PartnerAnswer.Status.MATCH) {
                        matchesReceived.incrementAndGet();
                      }
                    }
                    return null;
                  }));
        }
        // kill while disclosures flow: once this run has had its first answer, at a random moment
        int atStart = matchesReceived.get();
        waitUntil(() -> matchesReceived.get() > atStart, Duration.ofSeconds(120));
        Thread.sleep(ThreadLocalRandom.current().nextInt(500));
        signal(f.node("us.dea"), "KILL");
        waitUntil(() -> !f.node("us.dea").isRunning(), Duration.ofSeconds(10));
        Thread.sleep(500);
        asking.set(false);
        for (Future<?> a : askers) {
          a.get(30, TimeUnit.SECONDS);
        }
      } finally {
        asking.set(false);
        pool.shutdownNow();
      }
      f.node("us.dea").start();
    }
    int after = disclosuresToIce(f);
    System.out.printf(
        "kill -9 mid-disclosure, %d runs: ICE received %d matches, DEA's audit has %d new"
            + " disclosures to ICE%n",
        runs(2), matchesReceived.get(), after - before);
    assertThat(matchesReceived.get()).as("the loop disclosed something").isPositive();
    assertThat(after - before)
        .as("DEA's audit entries cover every disclosure ICE received")
        .isGreaterThanOrEqualTo(matchesReceived.get());
    awaitAnswering(f);
  }

  @Test
  void theAskingNodeKilledWithAQueryInFlight_recordsItAsSentWithNoAnswerAtItsNextStart(Federation f)
      throws Exception {
    awaitAnswering(f);
    Path intents = Path.of(f.node("us.ice").configuration().get("liaison.data-dir"));
    String caseReference = "ICE-KILLED-" + System.nanoTime();
    OfficerQueryRequest held =
        Officers.phoneQuery("+1 305 555 0142", "DRUG_TRAFFICKING", caseReference, "us.dea")
            .toBuilder()
            .setDeadlineMs(60_000)
            .build();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    AuditEntry intent;
    // DEA's gateway stopped: the query leaves ICE (its intent durable) and its answer never comes
    signal(f.gateway("us.dea"), "STOP");
    try (NodeClient ice = f.node("us.ice").client()) {
      pool.submit(() -> ice.queryAll(held));
      waitUntil(() -> intentFor(intents, caseReference) != null, Duration.ofSeconds(60));
      intent = intentFor(intents, caseReference);
      assertThat(intent).as("ICE's intent of the query in flight").isNotNull();
      signal(f.node("us.ice"), "KILL");
      waitUntil(() -> !f.node("us.ice").isRunning(), Duration.ofSeconds(10));
    } finally {
      pool.shutdownNow();
      signal(f.gateway("us.dea"), "CONT");
    }
    f.node("us.ice").start();

    try (NodeClient ice = f.node("us.ice").client()) {
      AuditBundle log =
          AuditBundles.join(
              AuditGrpc.newBlockingStub(ice.channel())
                  .withDeadlineAfter(60, TimeUnit.SECONDS)
                  .export(AuditExportRequest.getDefaultInstance()));
      assertThat(AuditBundleVerifier.verify(log).problems()).as("ICE's audit verifies").isEmpty();
      List<AuditEntry> sent =
          log.getRecordsList().stream()
              .map(AuditRecord::getDecoded)
              .filter(e -> e.getMessageId().equals(intent.getMessageId()))
              .toList();
      assertThat(sent).hasSize(1);
      assertThat(sent.get(0).getKind()).isEqualTo(AuditKind.QUERY);
      assertThat(sent.get(0).getDirection()).isEqualTo("OUT");
      assertThat(sent.get(0).getOutcome()).isEqualTo("SENT");
      assertThat(sent.get(0).getReason()).isEqualTo(Reason.NO_ANSWER_RECORDED.name());
      assertThat(sent.get(0).getAnsweringAgency()).isEqualTo("us.dea");
      assertThat(sent.get(0).getCaseReference()).isEqualTo(caseReference);
      assertThat(sent.get(0).getDetail()).contains("this node stopped");
    }
    awaitAnswering(f);
  }

  /** The intent ICE's node wrote for a query in {@code caseReference}, if its journal holds one. */
  private static AuditEntry intentFor(Path dataDir, String caseReference) {
    try {
      for (IntentFile.Line line : IntentFile.unsettled(dataDir.resolve(IntentFile.NAME))) {
        AuditEntry e = line.entry();
        if (e.getCaseReference().equals(caseReference)) {
          return e;
        }
      }
      return null;
    } catch (IOException | IllegalArgumentException e) {
      return null; // a line being written: read again
    }
  }

  /** DEA's audit (verified whole) counted: disclosures to ICE. */
  private static int disclosuresToIce(Federation f) {
    try (NodeClient dea = f.node("us.dea").client()) {
      AuditBundle log =
          AuditBundles.join(
              AuditGrpc.newBlockingStub(dea.channel())
                  .withDeadlineAfter(60, TimeUnit.SECONDS)
                  .export(AuditExportRequest.getDefaultInstance()));
      assertThat(AuditBundleVerifier.verify(log).problems()).as("DEA's audit verifies").isEmpty();
      return (int)
          log.getRecordsList().stream()
              .map(AuditRecord::getDecoded)
              .filter(e -> e.getRequestingAgency().equals("us.ice"))
              .filter(e -> e.getKind() == AuditKind.DISCLOSURE)
              .filter(e -> e.getOutcome().equals("MATCH"))
              .count();
    }
  }

  @Test
  void aSecondNodeProcessOnTheSameDatabase_refusesToStart(Federation f) throws Exception {
    Map<String, String> config = new HashMap<>(f.node("us.dea").configuration());
    List<Integer> ports = FreePorts.allocate(3);
    config.put("liaison.federation.port", ports.get(0).toString());
    config.put("liaison.officer.port", ports.get(1).toString());
    config.put("quarkus.http.port", ports.get(2).toString());
    Path log = f.workDir().resolve("logs").resolve("us.dea-node-second.log");
    JavaProcess second =
        JavaProcess.builder("us.dea-node-second")
            .jar(RepositoryRoot.find().resolve("node/target/quarkus-app/quarkus-run.jar"))
            .jvmOptions(Federation.JVM_OPTIONS.toArray(String[]::new))
            .systemProperties(config)
            .log(log)
            .healthUrl(
                java.net.URI.create(
                    "http://" + Federation.HOST + ":" + ports.get(2) + "/q/health/ready"))
            .workingDir(f.workDir().resolve("us.dea").resolve("node-second"))
            .build();
    try {
      second.start();
      waitUntil(() -> !second.isAlive(), Duration.ofSeconds(120));
      assertThat(second.isAlive()).as("a second node on DEA's database is still running").isFalse();
      String out = Files.readString(log, StandardCharsets.UTF_8);
      assertThat(out).contains("already in use");
    } finally {
      second.stop();
    }
    // the first node was not disturbed
    awaitAnswering(f);
  }

  @Test
  void aBusyNodeStopsOnSigtermWithinTenSeconds(Federation f) throws Exception {
    awaitAnswering(f);
    AtomicBoolean asking = new AtomicBoolean(true);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try (NodeClient ice = f.node("us.ice").client()) {
      for (int t = 0; t < 4; t++) {
        pool.submit(
            () -> {
              while (asking.get()) {
                try {
                  ice.queryAll(query(3000, "us.dea"));
                } catch (RuntimeException e) {
                  // the node going away is expected
                }
              }
            });
      }
      Thread.sleep(1500);
      long t0 = System.nanoTime();
      signal(f.node("us.dea"), "TERM");
      waitUntil(() -> !f.node("us.dea").isRunning(), Duration.ofSeconds(30));
      long took = (System.nanoTime() - t0) / 1_000_000;
      System.out.printf("busy node stopped %d ms after SIGTERM%n", took);
      assertThat(f.node("us.dea").isRunning()).isFalse();
      assertThat(took).isLessThan(10_000L);
    } finally {
      asking.set(false);
      pool.shutdown();
      pool.awaitTermination(30, TimeUnit.SECONDS);
      f.node("us.dea").start();
    }
    awaitAnswering(f);
  }

  static final Path LIBFAKETIME = Path.of("/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1");

  @Test
  void clockSkewBetweenAgencies_insideTheWindowAnswered_beyondItRefusedWithAReason(Federation f)
      throws Exception {
    Assumptions.assumeTrue(
        Files.isRegularFile(LIBFAKETIME),
        "libfaketime is not installed (apt-get install faketime; the test command installs it: .ci/test-tools): skipped");
    // DEA's node and gateway run under libfaketime, their wall clock offset by what a file says
    // (re-read every second), so the offset changes while they run; their monotonic clock, which
    // the JVM times its waits with, is left alone. Without FAKETIME_FORCE_MONOTONIC_FIX=0 the
    // library's timed-wait wrapper makes the JVM's own threads (VM thread, periodic task, sweeper)
    // spin: the node then took minutes of CPU to start on a loaded machine, which is why an earlier
    // version of this test never saw it ready
    Path offset = f.workDir().resolve("us.dea-clock-offset").toAbsolutePath();
    Files.writeString(offset, "+0\n");
    List<FederationProcess> dea = List.of(f.gateway("us.dea"), f.node("us.dea"));
    for (FederationProcess p : dea) {
      p.environment("LD_PRELOAD", LIBFAKETIME.toString());
      p.environment("FAKETIME_TIMESTAMP_FILE", offset.toString());
      p.environment("FAKETIME_CACHE_DURATION", "1");
      p.environment("FAKETIME_DONT_FAKE_MONOTONIC", "1");
      p.environment("FAKETIME_FORCE_MONOTONIC_FIX", "0");
    }
    Together.restart(dea.toArray(FederationProcess[]::new));
    long pid = f.node("us.dea").pid();
    try {
      awaitAnswering(f);
      try (NodeClient ice = f.node("us.ice").client()) {
        // 20 s ahead: inside the 30 s the envelope checks allow
        skew(offset, "+20s");
        for (int i = 0; i < 2; i++) {
          PartnerAnswer answer = from(ice.queryAll(query(8000, "us.dea")), "us.dea");
          assertThat(answer.getStatus()).as("20 s ahead: %s", answer).isEqualTo(MATCH);
        }
        // 10 minutes ahead: ICE's request has expired by DEA's clock. 10 minutes behind: ICE's
        // request is from DEA's future, and so are the test PKI's certificates, issued minutes
        // before the run (the TLS handshake refuses ICE's CA as not yet valid). Every exchange is
        // refused with a reason about time and a sentence naming it, never a disclosure
        Map<String, List<Reason>> allowed =
            Map.of(
                "+600s",
                List.of(Reason.MESSAGE_EXPIRED, Reason.CLOCK_SKEW, Reason.MESSAGE_NOT_YET_VALID),
                "-600s",
                List.of(
                    Reason.MESSAGE_NOT_YET_VALID,
                    Reason.CLOCK_SKEW,
                    Reason.CERTIFICATE_NOT_YET_VALID,
                    Reason.CHAIN_NOT_TO_AGENCY_CA));
        for (String beyond : List.of("+600s", "-600s")) {
          skew(offset, beyond);
          for (int i = 0; i < 2; i++) {
            PartnerAnswer answer = from(ice.queryAll(query(8000, "us.dea")), "us.dea");
            System.out.printf(
                "DEA's clock %s: %s %s: %s%n",
                beyond, answer.getStatus(), answer.getReason(), answer.getMessage());
            assertThat(answer.getStatus()).as("%s: %s", beyond, answer).isNotEqualTo(MATCH);
            assertThat(answer.getReason()).as("%s: %s", beyond, answer).isIn(allowed.get(beyond));
            assertThat(answer.getMessage()).containsAnyOf("valid", "expired", "clock", "time");
          }
        }
      }
      // the clock put right: answered again, by the same processes
      skew(offset, "+0");
      awaitAnswering(f);
      assertThat(f.node("us.dea").pid()).as("the same process, not restarted").isEqualTo(pid);
    } finally {
      Files.writeString(offset, "+0\n");
      for (FederationProcess p : dea) {
        p.environment("LD_PRELOAD", null);
        p.environment("FAKETIME_TIMESTAMP_FILE", null);
        p.environment("FAKETIME_CACHE_DURATION", null);
        p.environment("FAKETIME_DONT_FAKE_MONOTONIC", null);
        p.environment("FAKETIME_FORCE_MONOTONIC_FIX", null);
      }
    }
  }

  /**
   * Moves DEA's wall clock and waits until libfaketime has read it: with a cache of 1 s it reads
   * the file again at a whole second of real time, up to 2 s after the write (measured on this
   * machine).
   */
  private static void skew(Path offset, String by) throws Exception {
    Files.writeString(offset, by + "\n");
    Thread.sleep(2500);
  }

  /** DEA answers ICE's query with its match: the set-up every fault here starts from. */
  private static void awaitAnswering(Federation f) {
    PartnerAnswer dea = Officers.awaitIceAnsweredByDea(f);
    assertThat(dea.getStatus()).as(dea.toString()).isEqualTo(PartnerAnswer.Status.MATCH);
  }

  private static void waitUntil(java.util.function.BooleanSupplier done, Duration max)
      throws InterruptedException {
    long end = System.nanoTime() + max.toNanos();
    while (!done.getAsBoolean() && System.nanoTime() < end) {
      Thread.sleep(50);
    }
  }
}

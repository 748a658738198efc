package org.liaison.cluster.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.liaison.cli.NodeClient;
import org.liaison.cluster.Federation;
import org.liaison.cluster.FederationTest;
import org.liaison.wire.v1.PartnerAnswer;
import org.liaison.wire.v1.PartnerCheckAnswer;

/**
 * An agency brings a large case: DEA imports one case of {@code liaison.bulk.subjects} subjects
 * (one phone each) through {@code liaison import}, into a node started with the demo's settings
 * (C1, 192 MB heap). The import ends, the database grows linearly, and while DEA's node is busy
 * checking the new case with ICE and building ICE's filter of the new targets, ICE's target check
 * finds its conflict with DEA (case 1) within the node's default deadline, and ICE's query is
 * answered as usual.
 *
 * <p>The default run imports 20,000 subjects (about a minute on the 2-core build machine); {@code
 * -Dliaison.bulk.subjects=100000} is the size (README, "Tests, benchmarks"). The same
 * federation shows that DEA's answers are on its disk before they leave ({@link
 * #everyAnswerIsOnTheDiskBeforeItLeaves}).
 */
@FederationTest(agencies = {"us.ice", "us.dea"})
class BulkImportAcceptanceTest {
  static final int SUBJECTS = Integer.getInteger("liaison.bulk.subjects", 20_000);
  private static final String CASE = "DEA-BULK-2026-0001";
  private static final int FLUSHED_ANSWERS = 5;

  /** The node's default deadline (liaison.query.deadline-ms); 0 in a request means it. */
  private static final long DEFAULT_DEADLINE_MS = 3000;

  /**
   * What the node writes beside the subjects whatever their number: the partner filters, the audit
   * entries, the chunks emptied since the last flush (decision 0038). It was 32 MiB while H2 kept
   * 45 s of dead chunks, which hid the growth per subject at the default size.
   */
  private static final long FIXED_ALLOWANCE = 4L << 20;

  static String phone(int n) {
    return String.format("+1 212 %03d %04d", 200 + n / 10_000, n % 10_000);
  }

  /**
   * One scenario, so one test: the second half needs DEA busy with the case the first half
   * imported, and a separate test could neither rely on running second nor import again cheaply.
   */
  @Test
  void oneCaseOfManySubjects_isImportedWhole_andWhileDeaIsBusyWithIt_iceIsAnsweredInTime(
      Federation f) throws IOException {
    importedWhole_andTheDatabaseGrewLinearly(f);
    whileDeaIsBusyWithTheNewCase_iceFindsItsConflict_andIsAnswered_withinTheDefaultDeadline(f);
  }

  private static void importedWhole_andTheDatabaseGrewLinearly(Federation f) throws IOException {
    Path file = f.workDir().resolve("dea-bulk.jsonl");
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write(
          "{\"kind\":\"case\",\"caseNumber\":\""
              + CASE
              + "\",\"agency\":\"us.dea\",\"agent\":{\"name\":\"Special Agent Lena Park\","
              + "\"phone\":\"+1 212 555 0100\"},\"crimeCategories\":[\"DRUG_TRAFFICKING\"]}\n");
      for (int n = 0; n < SUBJECTS; n++) {
        w.write(
            "{\"kind\":\"subject\",\"id\":\"dea-bulk-"
                + n
                + "\",\"case\":\""
                + CASE
                + "\",\"type\":\"PHONE\",\"identifiers\":[{\"type\":\"PHONE\",\"value\":\""
                + phone(n)
                + "\"}]}\n");
      }
    }
    long before = size(f.node("us.dea").dataDir());

    long started = System.nanoTime();
    Officers.Cli run = Officers.cli(f.node("us.dea"), "import", file.toString(), "--no-progress");
    double seconds = (System.nanoTime() - started) / 1e9;

    assertThat(run.exit()).as(run.out() + run.err()).isZero();
    assertThat(run.out())
        .contains("Imported " + (SUBJECTS + 1) + " of " + (SUBJECTS + 1) + " lines sent");
    long grown = size(f.node("us.dea").dataDir()) - before;
    System.out.printf(
        "imported %d subjects in %.1f s (%.0f lines/s); database grew by %d bytes (%d per"
            + " subject); %s%n",
        SUBJECTS, seconds, (SUBJECTS + 1) / seconds, grown, grown / SUBJECTS, loadAverage());
    try (NodeClient dea = f.node("us.dea").client()) {
      assertThat(dea.status().getIdentifiers()).isGreaterThanOrEqualTo(SUBJECTS);
    }
    // measured on the running node, right after the import: a dead chunk's space is reused once
    // the batch that emptied it is on the disk (decision 0038), so no retention time is allowed for
    assertThat((grown - FIXED_ALLOWANCE) / SUBJECTS)
        .as("bytes per subject beyond a fixed allowance")
        .isLessThan(1024);
  }

  private static void
      whileDeaIsBusyWithTheNewCase_iceFindsItsConflict_andIsAnswered_withinTheDefaultDeadline(
          Federation f) {
    try (NodeClient ice = f.node("us.ice").client();
        NodeClient dea = f.node("us.dea").client()) {
      // DEA is still checking its new case with ICE, and building ICE's filter of its targets
      System.out.printf(
          "DEA: %d automatic checks waiting; %s%n", dea.status().getPendingChecks(), loadAverage());
      // deadline 0: the node's default; each round trip of the check is bounded by it
      PartnerCheckAnswer check =
          Officers.checkFrom(
              ice.checkAll(
                  Officers.phoneCheck("+1 305 555 0142", "ICE-MIA-2026-0311").toBuilder()
                      .setDeadlineMs(0)
                      .build()),
              "us.dea");
      assertThat(check.getStatus()).as(check.toString()).isEqualTo(PartnerAnswer.Status.MATCH);
      assertThat(check.getAnswer().getConflictsList())
          .anySatisfy(c -> assertThat(c.getCaseReference()).isEqualTo("DEA-MIA-2026-0142"));

      PartnerAnswer answer =
          Officers.from(
              ice.queryAll(
                  Officers.phoneQuery(
                          "+1 305 555 0142", "DRUG_TRAFFICKING", "ICE-MIA-2026-0311", "us.dea")
                      .toBuilder()
                      .setDeadlineMs(0)
                      .build()),
              "us.dea");
      assertThat(answer.getStatus()).as(answer.toString()).isEqualTo(PartnerAnswer.Status.MATCH);
      System.out.printf(
          "ICE's target check answered in %d ms, its query in %d ms (default deadline %d ms)%n",
          check.getLatencyMs(), answer.getLatencyMs(), DEFAULT_DEADLINE_MS);
    }
  }

  private static String loadAverage() {
    try {
      return "load average " + Files.readString(Path.of("/proc/loadavg")).strip();
    } catch (IOException e) {
      return "load average unknown";
    }
  }

  private static long size(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(Files::isRegularFile)
          .mapToLong(
              p -> {
                try {
                  return Files.size(p);
                } catch (IOException e) {
                  return 0;
                }
              })
          .sum();
    }
  }

  /**
   * What a node answers is on the disk, not only in the operating system's cache: DEA's running
   * node is traced with {@code strace} while ICE queries it, and each answer is preceded by a flush
   * ({@code fsync}) of DEA's database file. Without it, a power failure could lose audit entries of
   * answers that had left (H2 forces its file only when it closes). It shares this class's
   * federation (the same two agencies) rather than starting one of its own.
   */
  @Test
  void everyAnswerIsOnTheDiskBeforeItLeaves(Federation f) throws Exception {
    Assumptions.assumeTrue(
        onPath("strace"),
        "strace is not installed (the test command installs it: .ci/test-tools): test skipped");
    Path trace = f.workDir().resolve("dea-node.strace");
    Process strace =
        new ProcessBuilder(
                "strace",
                "-f",
                "-qq",
                "-y",
                "-e",
                "trace=fsync,fdatasync",
                "-o",
                trace.toString(),
                "-p",
                Long.toString(f.node("us.dea").pid()))
            .redirectErrorStream(true)
            .redirectOutput(f.workDir().resolve("strace.out").toFile())
            .start();
    try (NodeClient ice = f.node("us.ice").client()) {
      // strace attaches to every thread of the JVM, one after the other
      long attachedBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (strace.isAlive()
          && !tracesEveryThread(strace.pid(), f.node("us.dea").pid())
          && System.nanoTime() < attachedBy) {
        Thread.sleep(50);
      }
      Assumptions.assumeTrue(
          strace.isAlive(),
          () ->
              "strace could not attach to the node (it needs ptrace: root, or"
                  + " kernel.yama.ptrace_scope=0): "
                  + read(f.workDir().resolve("strace.out")));
      for (int i = 0; i < FLUSHED_ANSWERS; i++) {
        PartnerAnswer answer =
            Officers.from(
                ice.queryAll(
                    Officers.phoneQuery(
                        "+1 305 555 0142", "DRUG_TRAFFICKING", "ICE-MIA-2026-0311", "us.dea")),
                "us.dea");
        assertThat(answer.getStatus()).as(answer.toString()).isEqualTo(PartnerAnswer.Status.MATCH);
      }
    } finally {
      strace.destroy(); // SIGTERM: strace detaches and leaves the node running
      strace.waitFor(30, TimeUnit.SECONDS);
    }
    List<String> flushes =
        lines(trace).stream().filter(l -> l.contains(".mv.db>") && l.endsWith("= 0")).toList();
    System.out.printf(
        "DEA's node flushed its database file %d times for %d answers%n",
        flushes.size(), FLUSHED_ANSWERS);
    assertThat(flushes)
        .as("fsync of the database file")
        .hasSizeGreaterThanOrEqualTo(FLUSHED_ANSWERS);
    try (NodeClient dea = f.node("us.dea").client()) {
      assertThat(dea.status().getAgency())
          .as("the node runs on after strace left")
          .isEqualTo("us.dea");
    }
  }

  /** Every thread of process {@code pid} has {@code tracer} as its tracer (Linux's /proc). */
  private static boolean tracesEveryThread(long tracer, long pid) throws IOException {
    List<Path> threads;
    try (Stream<Path> tasks = Files.list(Path.of("/proc", pid + "", "task"))) {
      threads = tasks.toList();
    }
    for (Path thread : threads) {
      String status;
      try {
        status = Files.readString(thread.resolve("status"));
      } catch (IOException ended) {
        continue; // the thread ended since the listing
      }
      if (!status.contains("\nTracerPid:\t" + tracer + "\n")) {
        return false;
      }
    }
    return !threads.isEmpty();
  }

  private static boolean onPath(String command) {
    return java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file).strip();
    } catch (IOException e) {
      return "";
    }
  }

  private static List<String> lines(Path file) throws IOException {
    return Files.exists(file) ? Files.readAllLines(file) : List.of();
  }
}

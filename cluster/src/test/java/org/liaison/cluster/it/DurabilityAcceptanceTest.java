package org.liaison.cluster.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.liaison.cli.NodeClient;
import org.liaison.cluster.Federation;
import org.liaison.cluster.FederationTest;
import org.liaison.wire.v1.PartnerAnswer;

/**
 * What a node answers is on the disk, not only in the operating system's cache: DEA's running node
 * is traced with {@code strace} while ICE queries it, and each answer is preceded by a flush
 * ({@code fsync}) of DEA's database file. Without it, a power failure could lose audit entries of
 * answers that had left (H2 forces its file only when it closes).
 */
@FederationTest(agencies = {"us.ice", "us.dea"})
class DurabilityAcceptanceTest {
  private static final int QUERIES = 5;

  @Test
  void everyAnswerIsOnTheDiskBeforeItLeaves(Federation f) throws Exception {
    Assumptions.assumeTrue(
        onPath("strace"), "strace is not installed (.ci/run installs it): test skipped");
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
      Thread.sleep(2000); // strace attaches to every thread of the JVM
      Assumptions.assumeTrue(
          strace.isAlive(),
          () ->
              "strace could not attach to the node (it needs ptrace: root, or"
                  + " kernel.yama.ptrace_scope=0): "
                  + read(f.workDir().resolve("strace.out")));
      for (int i = 0; i < QUERIES; i++) {
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
        "DEA's node flushed its database file %d times for %d answers%n", flushes.size(), QUERIES);
    assertThat(flushes).as("fsync of the database file").hasSizeGreaterThanOrEqualTo(QUERIES);
    try (NodeClient dea = f.node("us.dea").client()) {
      assertThat(dea.status().getAgency())
          .as("the node runs on after strace left")
          .isEqualTo("us.dea");
    }
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

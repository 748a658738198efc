package org.liaison.cluster.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.liaison.cluster.it.Officers.from;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.liaison.cli.NodeClient;
import org.liaison.cluster.Federation;
import org.liaison.wire.v1.OfficerQueryRequest;
import org.liaison.wire.v1.PartnerAnswer;
import org.liaison.wire.v1.Reason;

/**
 * What the tests of a failing disk under DEA's node share: system commands that mount and repair
 * the disk, and ICE's query of case 1 to DEA, which must be refused for want of an audit record
 * while the disk fails and answered again once it is back.
 */
final class StorageFaults {
  private StorageFaults() {}

  /**
   * ICE and DEA, prepared but not started, in {@code target/federation/<test>}: a test mounts DEA's
   * data folder first. DEA's node waits up to 20 s for a database connection.
   */
  static Federation prepared(Class<?> test) {
    return Federation.builder()
        .agencies("us.ice", "us.dea")
        .workDir(Path.of("target/federation/" + test.getSimpleName()).toAbsolutePath())
        .nodeOption("quarkus.datasource.jdbc.acquisition-timeout", "20S")
        .healthTimeout(Duration.ofSeconds(Long.getLong("liaison.cluster.health-timeout-s", 420)))
        .build()
        .prepare();
  }

  /** Stops the federation, then detaches DEA's data folder if the test mounted it. */
  static void stop(Federation f, boolean mounted, Path data)
      throws IOException, InterruptedException {
    if (f != null) {
      f.close();
    }
    // a repaired volume may be mounted over the broken one: detach every mount on the folder
    for (int i = 0; mounted && i < 3; i++) {
      mounted = run("umount", "-l", data.toString()) == 0;
    }
  }

  /** A system command's exit code and what it printed. */
  record Result(int exit, String out) {}

  static int run(String... command) throws IOException, InterruptedException {
    return output(command).exit();
  }

  static Result output(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return new Result(-1, out);
    }
    if (p.exitValue() != 0) {
      System.out.println(String.join(" ", command) + ": " + out);
    }
    return new Result(p.exitValue(), out.trim());
  }

  /** ICE's query of case 1 to DEA, answered or refused by DEA. */
  static PartnerAnswer askDea(Federation f) {
    OfficerQueryRequest query =
        Officers.phoneQuery("+1 305 555 0142", "DRUG_TRAFFICKING", "ICE-MIA-2026-0311", "us.dea")
            .toBuilder()
            .setDeadlineMs(8000)
            .build();
    try (NodeClient ice = f.node("us.ice").client()) {
      return from(ice.queryAll(query), "us.dea");
    }
  }

  /** Asks until DEA answers MATCH again, for at most a minute; the last answer. */
  static PartnerAnswer awaitDeaMatch(Federation f) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    PartnerAnswer last = askDea(f);
    while (last.getStatus() != PartnerAnswer.Status.MATCH && System.nanoTime() < end) {
      Thread.sleep(200);
      last = askDea(f);
    }
    return last;
  }

  /** Asks a few times: each refused with AUDIT_UNAVAILABLE, none a MATCH. */
  static void assertDeaRefusesForAudit(Federation f) {
    for (int i = 0; i < 3; i++) {
      PartnerAnswer dea = askDea(f);
      assertThat(dea.getStatus()).as(dea.toString()).isNotEqualTo(PartnerAnswer.Status.MATCH);
      assertThat(dea.getReason()).as(dea.toString()).isEqualTo(Reason.AUDIT_UNAVAILABLE);
      assertThat(dea.getMessage()).isNotBlank();
    }
  }
}

package org.liaison.bench.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liaison.bench.load.LoadFederation;
import org.liaison.cluster.Federation;

/**
 * The soak's two-minute version on real processes (the 30-minute one is {@link SoakLoad}): the mix
 * at 80 % of the maximum measured for 20 s, reported every 30 s; no call fails, us.dea's audit
 * holds exactly the disclosures us.ice received, every log verifies and no partner history is
 * inconsistent, and no process's heap after a full GC grows by more than a bound from the first
 * interval to the last. {@code -Dliaison.soak.minutes=N} runs longer.
 */
class SoakTest {
  /** Retained heap may move by this much over the run (caches filling, the audit growing). */
  static final long HEAP_GROWTH_BOUND_KIB = 24 * 1024;

  @TempDir Path work;

  @Test
  void twoMinutesOfTheMix_noErrors_auditEqualsDisclosures_heapBounded() throws Exception {
    long minutes = Long.getLong("liaison.soak.minutes", 2);
    try (Federation f =
        Federation.builder()
            // the two agencies the mix uses: four processes start faster than six
            .agencies("us.ice", "us.dea")
            .workDir(work.resolve("federation"))
            .agreementEdit(LoadFederation.AGREEMENT, LoadFederation::loadQuotas)
            .nodeOption("quarkus.datasource.jdbc.acquisition-timeout", "60S")
            .healthTimeout(
                Duration.ofSeconds(Long.getLong("liaison.cluster.health-timeout-s", 180)))
            .build()) {
      f.start();
      SoakRun.Result r =
          SoakRun.run(
              f,
              new SoakRun.Options(
                  Duration.ofMinutes(minutes),
                  Duration.ofSeconds(20),
                  0,
                  0.8,
                  4,
                  Duration.ofSeconds(30)),
              System.out);
      assertThat(r.errorSamples()).as("failed calls").isEmpty();
      assertThat(r.errors()).isZero();
      assertThat(r.calls()).isPositive();
      assertThat(r.disclosuresReceived()).isPositive();
      assertThat(r.auditDisclosures())
          .as("us.dea's audit entries for its disclosures to us.ice")
          .isEqualTo(r.disclosuresReceived());
      assertThat(r.auditProblems()).isEmpty();
      List<SoakRun.Interval> in = r.intervals();
      SoakRun.Interval first = in.get(0);
      SoakRun.Interval last = in.get(in.size() - 1);
      first
          .heapKiB()
          .forEach(
              (process, kib) -> {
                assertThat(kib).as("heap of %s read", process).isPositive();
                assertThat(last.heapKiB().get(process) - kib)
                    .as("growth of %s's heap after GC over the run (KiB)", process)
                    .isLessThan(HEAP_GROWTH_BOUND_KIB);
              });
    }
  }
}

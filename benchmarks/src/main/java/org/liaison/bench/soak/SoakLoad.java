package org.liaison.bench.soak;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.liaison.bench.load.LoadAverage;
import org.liaison.bench.load.LoadFederation;
import org.liaison.cluster.Federation;

/**
 * The soak (issue 14, docs/abuse-and-faults.md): a federation of us.ice, us.dea and us.cbp as real
 * processes, the mix of {@link SoakMix} at 80 % of its measured maximum for 30 minutes, a line per
 * minute, the audit and consistency comparison at the end. Exits 1 when a call failed, the audit
 * does not match the disclosures received, or a consistency check failed.
 *
 * <p>Run from the repository root after {@code mvn -B -DskipTests package}: {@code java -cp
 * "benchmarks/target/liaison-benchmarks.jar" org.liaison.bench.soak.SoakLoad [minutes] [rate|auto]
 * [threads] [c1]}: defaults 30, auto (80 % of the maximum measured over 30 s), 6 callers, and the
 * processes with the full JIT unless {@code c1} asks for the quick-start options of tests.
 */
public final class SoakLoad {
  private SoakLoad() {}

  public static void main(String[] args) throws Exception {
    long minutes = args.length > 0 ? Long.parseLong(args[0]) : 30;
    double rate = args.length > 1 && !args[1].equals("auto") ? Double.parseDouble(args[1]) : 0;
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : 6;
    boolean c1 = args.length > 3 && args[3].equals("c1");
    Path work = Files.createTempDirectory("liaison-soak");
    System.out.printf(
        "work folder %s, %d min, %s, %d callers (%s)%n",
        work,
        minutes,
        rate > 0 ? rate + " calls/s" : "80 % of the measured maximum",
        threads,
        LoadAverage.averages());
    try (Federation f =
        Federation.builder()
            .agencies("us.ice", "us.dea", "us.cbp")
            .workDir(work.resolve("federation"))
            .agreementEdit(LoadFederation.AGREEMENT, LoadFederation::loadQuotas)
            .jvmOptions(c1 ? Federation.JVM_OPTIONS : Federation.BENCHMARK_JVM_OPTIONS)
            .nodeOption("quarkus.datasource.jdbc.acquisition-timeout", "60S")
            .healthTimeout(LoadFederation.startTimeout(300))
            .build()) {
      f.start();
      SoakRun.Result r =
          SoakRun.run(
              f,
              new SoakRun.Options(
                  Duration.ofMinutes(minutes),
                  Duration.ofSeconds(30),
                  rate,
                  0.8,
                  threads,
                  Duration.ofMinutes(1)),
              System.out);
      boolean ok =
          r.errors() == 0
              && r.auditDisclosures() == r.disclosuresReceived()
              && r.auditProblems().isEmpty();
      r.errorSamples().forEach(s -> System.out.println("  error: " + s));
      System.out.println(ok ? "SOAK PASS" : "SOAK FAIL");
      if (!ok) {
        System.exit(1);
      }
    }
  }
}

package org.liaison.bench.records;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.liaison.bench.load.LoadAverage;
import org.liaison.bench.scale.DatabaseSize;
import org.liaison.cluster.AgencyNode;
import org.liaison.cluster.Federation;
import org.liaison.cluster.RepositoryRoot;

/**
 * Bulk import end to end, as an agency does it: generates one case with N subjects (one phone
 * each), starts us.ice and us.dea as real processes with the demo's settings (C1, 192 MB heap;
 * {@code full} for the full JIT and 512 MB), runs the real {@code bin/liaison import} against DEA's
 * node and prints lines per second, the database's growth and the node's heap and GC time.
 *
 * <p>Run from the repository root after {@code mvn -B -DskipTests install}: {@code java -cp
 * benchmarks/target/liaison-benchmarks.jar org.liaison.bench.records.ImportLoad [subjects]
 * [demo|full] [batch-lines]}. {@code batch-lines} 0 measures one line per transaction (as before
 * batches), for 120 s at most. {@code -Dliaison.load.database=postgresql} runs both nodes on
 * PostgreSQL (build with {@code -Ppostgresql}); the database growth is then the PostgreSQL data
 * folder's.
 */
public final class ImportLoad {
  private ImportLoad() {}

  public static void main(String[] args) throws Exception {
    int subjects = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    boolean full = args.length > 1 && args[1].equals("full");
    int batchLines = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
    boolean postgresql = "postgresql".equals(System.getProperty("liaison.load.database", "h2"));
    Path work = Files.createTempDirectory("liaison-import-load");
    Path file = work.resolve("bulk.jsonl");
    write(file, subjects);
    System.out.printf(
        "work folder %s; %s; %d subjects, %s JVM options, %s%n",
        work,
        postgresql ? "PostgreSQL 17" : "H2",
        subjects,
        full ? "benchmark" : "demo",
        batchLines == 0 ? "one line per transaction (before)" : batchLines + " lines per batch");
    Federation.Builder b =
        Federation.builder()
            .agencies("us.ice", "us.dea")
            .workDir(work.resolve("federation"))
            .jvmOptions(full ? Federation.BENCHMARK_JVM_OPTIONS : Federation.JVM_OPTIONS);
    if (postgresql) {
      b.postgresql("us.ice", "us.dea");
    }
    try (Federation f = b.build()) {
      f.start();
      AgencyNode dea = f.node("us.dea");
      Path database =
          f.postgres("us.dea").map(org.liaison.postgres.DevPostgres::dataDir).orElse(dea.dataDir());
      long before = size(database);
      ProcessHandle node = nodeProcess(dea);
      long cpuBefore = cpuMillis(node);
      List<String> command = new ArrayList<>();
      command.add(RepositoryRoot.find().resolve("bin/liaison").toString());
      command.add("import");
      command.add(file.toString());
      command.add("--no-progress");
      command.addAll(List.of(dea.cliOptions().split(" ")));
      command.add("--batch-lines");
      command.add(Integer.toString(Math.max(1, batchLines)));
      long started = System.nanoTime();
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(work.resolve("import.out").toFile())
              .start();
      boolean finished = p.waitFor(batchLines == 0 ? 120 : 3600, TimeUnit.SECONDS);
      if (!finished) {
        p.destroy();
        p.waitFor(10, TimeUnit.SECONDS);
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      long nodeCpu = cpuMillis(node) - cpuBefore;
      long lines = finished ? subjects + 1 : acknowledged(file);
      long grown = size(database) - before;
      System.out.println(Files.readString(work.resolve("import.out")).strip());
      System.out.printf(
          "%s: %d lines in %.1f s = %.0f lines/s; database +%.1f MB (%d bytes per line); node"
              + " heap used %s, GC %s%n",
          finished ? "done" : "stopped after 120 s",
          lines,
          seconds,
          lines / seconds,
          grown / 1e6,
          lines == 0 ? 0 : grown / lines,
          metric(dea, "jvm_memory_used_bytes", "area=\"heap\""),
          metric(dea, "jvm_gc_pause_seconds_sum", ""));
      System.out.printf(
          "node CPU during the import: %.1f s = %.0f lines per CPU-second (its filter for ICE and"
              + " its automatic check run beside the import)%n",
          nodeCpu / 1000.0, lines / Math.max(0.001, nodeCpu / 1000.0));
      System.out.println("load average: " + LoadAverage.full());
      settle(dea, before, lines);
      f.stopAll();
      if (!DatabaseSize.isH2(dea.dataDir())) {
        System.out.println(
            "after stop: the node's database is PostgreSQL; its size is the server's");
      } else {
        DatabaseSize db = DatabaseSize.of(dea.dataDir());
        System.out.printf(
            "after stop: file %.1f MB, tables %.1f MB (%d bytes per line)%n",
            db.fileBytes() / 1e6, db.tableBytes() / 1e6, db.tableBytes() / Math.max(1, lines));
        db.tables().entrySet().stream()
            .limit(8)
            .forEach(
                e ->
                    System.out.printf(
                        "  %-26s %10d bytes %9d rows %6d bytes/row%n",
                        e.getKey(),
                        e.getValue().bytes(),
                        e.getValue().rows(),
                        e.getValue().bytes() / Math.max(1, e.getValue().rows())));
      }
    }
  }

  /**
   * The running node's file after its store housekeeping had time to compact what the import left
   * (decision 0017): polled for up to 60 s until it stops shrinking.
   */
  private static void settle(AgencyNode dea, long before, long lines) throws Exception {
    long last = size(dea.dataDir());
    long started = System.nanoTime();
    for (int quiet = 0; quiet < 3 && System.nanoTime() - started < 60e9; ) {
      Thread.sleep(5_000);
      long now = size(dea.dataDir());
      quiet = now < last ? 0 : quiet + 1;
      last = now;
    }
    System.out.printf(
        "running node, %.0f s after the import: database +%.1f MB (%d bytes per line)%n",
        (System.nanoTime() - started) / 1e9,
        (last - before) / 1e6,
        (last - before) / Math.max(1, lines));
  }

  private static void write(Path file, int subjects) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write(
          "{\"kind\":\"case\",\"caseNumber\":\"DEA-LOAD-2026-0001\",\"agency\":\"us.dea\","
              + "\"agent\":{\"name\":\"Special Agent Lena Park\",\"phone\":\"+1 212 555 0100\"},"
              + "\"crimeCategories\":[\"DRUG_TRAFFICKING\"]}\n");
      for (int n = 0; n < subjects; n++) {
        w.write(
            String.format(
                "{\"kind\":\"subject\",\"id\":\"dea-load-%d\",\"case\":\"DEA-LOAD-2026-0001\","
                    + "\"type\":\"PHONE\",\"identifiers\":[{\"type\":\"PHONE\","
                    + "\"value\":\"+1 %03d %03d %04d\"}]}%n",
                n, 212 + n / 8_000_000, 200 + (n / 10_000) % 800, n % 10_000));
      }
    }
  }

  private static ProcessHandle nodeProcess(AgencyNode node) {
    String dataDir = node.dataDir().toString();
    return ProcessHandle.allProcesses()
        .filter(
            p ->
                p.info().arguments().map(a -> String.join(" ", a)).orElse("").contains(dataDir)
                    && p.info()
                        .arguments()
                        .map(a -> String.join(" ", a))
                        .orElse("")
                        .contains("node/target"))
        .findFirst()
        .orElse(null);
  }

  private static long cpuMillis(ProcessHandle p) {
    return p == null ? 0 : p.info().totalCpuDuration().map(java.time.Duration::toMillis).orElse(0L);
  }

  private static long acknowledged(Path file) throws IOException {
    Path state = file.resolveSibling(file.getFileName() + ".import-state");
    if (!Files.exists(state)) {
      return 0;
    }
    for (String line : Files.readAllLines(state)) {
      if (line.startsWith("last-acknowledged-line=")) {
        return Long.parseLong(line.substring(line.indexOf('=') + 1).strip());
      }
    }
    return 0;
  }

  private static String metric(AgencyNode node, String name, String label) {
    try {
      double sum = node.metricSum(name, label).orElse(0);
      return name.endsWith("bytes")
          ? String.format("%.0f MB", sum / 1e6)
          : String.format("%.1f s", sum);
    } catch (IOException | InterruptedException | RuntimeException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }

  private static long size(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }
}

package org.liaison.bench.scale;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.liaison.bench.load.LoadAverage;
import org.liaison.bench.scale.AgencyGenerator.Probe;
import org.liaison.bench.soak.HeapAfterGc;
import org.liaison.cli.LiaisonCommand;
import org.liaison.cli.NodeClient;
import org.liaison.cluster.AgencyNode;
import org.liaison.cluster.Federation;
import org.liaison.wire.v1.Identifier;
import org.liaison.wire.v1.IdentifierType;
import org.liaison.wire.v1.NodeStatus;
import org.liaison.wire.v1.OfficerCheckRequest;
import org.liaison.wire.v1.OfficerQueryRequest;
import org.liaison.wire.v1.PartnerAnswer;
import org.liaison.wire.v1.PartnerCheckAnswer;
import org.liaison.wire.v1.PersonQuery;
import org.liaison.wire.v1.QueryRequest;

/**
 * A node with a big agency, against the same node with a small one: for each size, a federation of
 * us.ice and us.dea (real node and gateway processes), a generated agency imported into us.dea with
 * {@code liaison import}, then lookups from us.ice: an identifier query, a name and date-of-birth
 * query, a query that finds nothing, and a private target check. Prints import time and rate,
 * database size per table, the node's memory and the lookups' p50/p99, one column per size.
 *
 * <p>Run from the repository root after building ({@code mvn -B -DskipTests package}): {@code java
 * -cp benchmarks/target/liaison-benchmarks.jar org.liaison.bench.scale.ScaleBench [--sizes
 * 10000,100000] [--heap 2g] [--samples 200] [--filter-wait 20] [--work DIR] [--repo DIR]
 * [--batch-lines 1000] [--settle-wait 10]} ({@code --repo}: node and gateway built elsewhere, e.g.
 * a copy of an earlier build to compare with; {@code --filter-wait}: minutes the first target
 * checks may wait for us.dea's filter for us.ice to exist and for us.dea's status to say its
 * filters have caught up; a node built before that status field says never, and the wait runs to
 * its end; {@code --settle-wait}: minutes the database file may wait after the lookups for the
 * node's store housekeeping to have nothing left to do, {@link StoreSettling}). The
 * 25,000,000-subject run is {@code --sizes 10000,25000000 --heap 2g}.
 */
public final class ScaleBench {
  private static final String OWNER = "us.dea";
  private static final String PARTNER = "us.ice";
  private static final String PARTNER_CASE = "ICE-MIA-2026-0311";
  private static final String PURPOSE = "DRUG_TRAFFICKING";

  /** Lines per import batch unless {@code --batch-lines} says otherwise. */
  private static final int BATCH_LINES = 1000;

  private ScaleBench() {}

  public static void main(String[] args) throws Exception {
    List<Long> sizes = List.of(10_000L, 100_000L);
    String heap = "2g";
    int samples = 200;
    int filterWaitMinutes = 20;
    int batchLines = BATCH_LINES;
    int settleWaitMinutes = 10;
    Path work = null;
    Path repo = null;
    for (int i = 0; i < args.length; i += 2) {
      String value = args[i + 1];
      switch (args[i]) {
        case "--sizes" -> sizes = Arrays.stream(value.split(",")).map(Long::parseLong).toList();
        case "--heap" -> heap = value;
        case "--samples" -> samples = Integer.parseInt(value);
        case "--filter-wait" -> filterWaitMinutes = Integer.parseInt(value);
        case "--work" -> work = Path.of(value);
        case "--repo" -> repo = Path.of(value);
        case "--batch-lines" -> batchLines = Integer.parseInt(value);
        case "--settle-wait" -> settleWaitMinutes = Integer.parseInt(value);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (work == null) {
      work = Files.createTempDirectory("liaison-scale");
    }
    System.out.printf(
        "work folder %s, sizes %s subjects, node heap %s, %d samples per lookup, %d lines per"
            + " import batch%n",
        work, sizes, heap, samples, batchLines);
    List<ScaleReport> reports = new ArrayList<>();
    for (long size : sizes) {
      ScaleReport report =
          run(
              work.resolve("s" + size),
              size,
              heap,
              samples,
              repo,
              filterWaitMinutes,
              batchLines,
              settleWaitMinutes);
      System.out.println(report.column());
      reports.add(report);
    }
    System.out.println();
    System.out.println(ScaleReport.table(reports));
  }

  /**
   * One size.
   *
   * @param repo where node/ and gateway/ are built, or null for this repository
   */
  static ScaleReport run(Path dir, long subjects, String heap, int samples, Path repo)
      throws Exception {
    return run(dir, subjects, heap, samples, repo, 20, BATCH_LINES, 2);
  }

  /**
   * One size.
   *
   * @param repo where node/ and gateway/ are built, or null for this repository
   * @param filterWaitMinutes how long the first target checks may wait for the filter to hold every
   *     probe; past that the target check is left out of this size's figures
   * @param batchLines lines per import batch ({@code liaison import --batch-lines})
   * @param settleWaitMinutes how long the file may wait, after the lookups, for the node's store
   *     housekeeping to have nothing left to do before it is measured
   */
  static ScaleReport run(
      Path dir,
      long subjects,
      String heap,
      int samples,
      Path repo,
      int filterWaitMinutes,
      int batchLines,
      int settleWaitMinutes)
      throws Exception {
    Files.createDirectories(dir);
    Path file = dir.resolve("agency.jsonl");
    long t0 = System.nanoTime();
    AgencyGenerator.Summary agency =
        new AgencyGenerator(OWNER, 1).write(file, subjects, Math.max(samples, 50));
    double generateSeconds = (System.nanoTime() - t0) / 1e9;
    say(
        "%d subjects: %d lines (%d MiB) written in %.1f s",
        subjects, agency.lines(), Files.size(file) >> 20, generateSeconds);
    ScaleReport.Builder report =
        ScaleReport.builder(subjects, agency, Files.size(file), LoadAverage.averages());
    Federation.Builder federation = Federation.builder();
    if (repo != null) {
      federation.repositoryRoot(repo);
    }
    try (Federation f =
        federation
            .agencies(PARTNER, OWNER)
            .workDir(dir.resolve("federation"))
            .jvmOptions(List.of("-XX:+UseSerialGC", "-Xmx" + heap))
            // its memory is reported: measured as the process runs in production, without the
            // kit's class-data archive
            .classDataSharing(false)
            // the bulk load is measured on its own, without each case's automatic check
            .nodeOption(OWNER, "liaison.deconfliction.triggers", "false")
            // a busy machine can take longer than the default 5 s to open a big database
            .nodeOption("quarkus.datasource.jdbc.acquisition-timeout", "120S")
            // and longer than the default 60 s to store one import batch
            .nodeOption(OWNER, "quarkus.transaction-manager.default-transaction-timeout", "600S")
            .healthTimeout(java.time.Duration.ofMinutes(10))
            .build()) {
      f.start();
      AgencyNode owner = f.node(OWNER);
      say("federation started; us.dea node pid %d, importing", owner.pid());
      long importStart = System.nanoTime();
      String result =
          cli(
              owner,
              "import",
              file.toString(),
              "--restart",
              "--no-progress",
              "--batch-lines",
              Integer.toString(batchLines));
      double importSeconds = (System.nanoTime() - importStart) / 1e9;
      say("import: %.1f s: %s", importSeconds, result.strip());
      report.imported(importSeconds, result);
      report.memoryAfterImport(ProcessMemory.of(owner.pid()), HeapAfterGc.kib(owner.pid()));
      List<Probe> probes = agency.probes();
      try (NodeClient ice = f.node(PARTNER).client()) {
        AtomicInteger next = new AtomicInteger();
        // after the import us.dea's filter for us.ice is made at the first check (or catches up
        // with the imported targets); partners are answered from it as it stands meanwhile. One
        // probe is asked until found (the filter exists), then us.dea's status says when every
        // filter it publishes holds every change, and each probe is checked once: the lookups are
        // then measured without the catch-up beside them, and the wait spends no probe quota
        long primeStart = System.nanoTime();
        long primeEnd = primeStart + TimeUnit.MINUTES.toNanos(filterWaitMinutes);
        int asked = 0;
        while (!conflict(ice.checkAll(check(identifier(probes.get(0).phone()))))
            && System.nanoTime() < primeEnd) {
          if (asked++ % 10 == 0) {
            say("  target checks: the first probe is not found yet, asking again in 5 s");
          }
          Thread.sleep(5000);
        }
        try (NodeClient dea = owner.client()) {
          while (!dea.status().getHeldFiltersCaughtUp() && System.nanoTime() < primeEnd) {
            if (asked++ % 30 == 0) {
              say("  us.dea's held filters are catching up");
            }
            Thread.sleep(1000);
          }
        }
        double caughtUpMs = (System.nanoTime() - primeStart) / 1e6;
        int found = 0;
        for (Probe p : probes) {
          if (conflict(ice.checkAll(check(identifier(p.phone()))))) {
            found++;
          }
        }
        boolean filterReady = found == probes.size();
        if (filterReady) {
          report.filterReady(caughtUpMs);
          say("  us.dea's filters caught up after %.1f s; every probe found", caughtUpMs / 1e3);
        } else {
          report.filterReady(-1);
          say(
              "  target checks: %d of %d probes found (filters caught up: %s, after %.1f s of at"
                  + " most %d minutes); the target check is left out",
              found,
              probes.size(),
              System.nanoTime() < primeEnd,
              caughtUpMs / 1e3,
              filterWaitMinutes);
        }
        try (NodeClient dea = owner.client()) {
          NodeStatus status = dea.status();
          report.stored(status.getCases(), status.getRecords(), status.getIdentifiers());
          report.lookup("node status", Latency.measure(Math.max(20, samples / 4), dea::status));
        }
        report.lookup(
            "identifier query",
            Latency.measure(
                samples,
                () -> expectMatch(ice.queryAll(query(identifier(probe(probes, next).phone()))))));
        report.lookup(
            "name + date of birth query",
            Latency.measure(
                samples,
                () -> {
                  Probe p = probe(probes, next);
                  expectMatch(ice.queryAll(query(person(p))));
                }));
        report.lookup(
            "query, no match",
            Latency.measure(
                samples,
                () -> {
                  List<PartnerAnswer> answers =
                      ice.queryAll(query(identifier("+1 202 555 0" + (100 + next.get() % 900))));
                  next.incrementAndGet();
                  if (answers.size() != 1
                      || answers.get(0).getStatus() != PartnerAnswer.Status.NO_MATCH) {
                    throw new IllegalStateException("expected no match: " + answers);
                  }
                }));
        if (filterReady) {
          report.lookup(
              "target check",
              Latency.measure(
                  samples,
                  () -> {
                    List<PartnerCheckAnswer> answers =
                        ice.checkAll(check(identifier(probe(probes, next).phone())));
                    if (!conflict(answers)) {
                      throw new IllegalStateException("expected a conflict: " + answers);
                    }
                  }));
        }
      }
      report.memoryAfterLookups(ProcessMemory.of(owner.pid()), HeapAfterGc.kib(owner.pid()));
      StoreSettling.Settled settled =
          StoreSettling.await(owner, java.time.Duration.ofMinutes(settleWaitMinutes));
      report.liveFile(settled);
      say("stopping the federation");
      f.stopAll();
      report.database(DatabaseSize.of(owner.dataDir()));
      say("database measured");
    }
    return report.build();
  }

  private static boolean conflict(List<PartnerCheckAnswer> answers) {
    return answers.size() == 1 && answers.get(0).getStatus() == PartnerAnswer.Status.MATCH;
  }

  /** A progress line with the time of day and the machine's load. */
  static void say(String format, Object... args) {
    System.out.printf(
        Locale.ROOT,
        "%tT %s [%s]%n",
        System.currentTimeMillis(),
        String.format(Locale.ROOT, format, args),
        LoadAverage.averages());
  }

  private static Probe probe(List<Probe> probes, AtomicInteger next) {
    return probes.get(Math.floorMod(next.getAndIncrement(), probes.size()));
  }

  private static Identifier identifier(String phone) {
    return Identifier.newBuilder().setType(IdentifierType.PHONE).setValue(phone).build();
  }

  private static PersonQuery person(Probe p) {
    return PersonQuery.newBuilder()
        .setName(p.name())
        .setDateOfBirth(p.dateOfBirth().toString())
        .build();
  }

  private static OfficerQueryRequest query(Identifier id) {
    return query(QueryRequest.newBuilder().setIdentifier(id).build());
  }

  private static OfficerQueryRequest query(PersonQuery person) {
    return query(QueryRequest.newBuilder().setPerson(person).build());
  }

  private static OfficerQueryRequest query(QueryRequest q) {
    return OfficerQueryRequest.newBuilder()
        .setQuery(q)
        .setPurpose(PURPOSE)
        .setCaseReference(PARTNER_CASE)
        .setOfficerId("officer-1")
        .addPartners(OWNER)
        .setDeadlineMs(30_000)
        .build();
  }

  private static OfficerCheckRequest check(Identifier id) {
    return OfficerCheckRequest.newBuilder()
        .setIdentifier(id)
        .setCaseReference(PARTNER_CASE)
        .setOfficerId("officer-1")
        .addPartners(OWNER)
        .setDeadlineMs(120_000)
        .build();
  }

  private static void expectMatch(List<PartnerAnswer> answers) {
    if (answers.size() != 1 || answers.get(0).getStatus() != PartnerAnswer.Status.MATCH) {
      throw new IllegalStateException("expected a match: " + answers);
    }
  }

  /** Runs the liaison command line in-process as officer-1 of the node. */
  static String cli(AgencyNode node, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of(node.cliOptions().split(" ")));
    var cl = LiaisonCommand.commandLine();
    StringWriter out = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(out, true));
    int exit = cl.execute(all.toArray(String[]::new));
    if (exit != 0) {
      String text = out.toString();
      throw new IllegalStateException(
          String.format(
              Locale.ROOT,
              "liaison %s exited %d: %s",
              args[0],
              exit,
              text.length() > 4000 ? text.substring(0, 4000) + "..." : text));
    }
    return out.toString();
  }
}

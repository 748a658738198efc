package org.liaison.bench.scale;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** The figures of one size, and the table that sets sizes side by side. */
record ScaleReport(
    long subjects,
    AgencyGenerator.Summary agency,
    long fileBytes,
    String loadAtStart,
    double importSeconds,
    String importResult,
    long[] stored,
    ProcessMemory afterImport,
    ProcessMemory afterLookups,
    long heapAfterImportKiB,
    long heapAfterLookupsKiB,
    Map<String, Latency> lookups,
    DatabaseSize database,
    StoreSettling.Settled liveFile,
    double filterReadyMs) {

  static Builder builder(
      long subjects, AgencyGenerator.Summary agency, long fileBytes, String loadAtStart) {
    return new Builder(subjects, agency, fileBytes, loadAtStart);
  }

  /** The figures of this size alone, as lines. */
  String column() {
    return table(List.of(this));
  }

  /** Sizes side by side: one column per size, one row per figure. */
  static String table(List<ScaleReport> reports) {
    List<String[]> rows = new ArrayList<>();
    row(rows, reports, "subjects", r -> Long.toString(r.subjects));
    row(rows, reports, "machine at start", r -> r.loadAtStart);
    row(rows, reports, "import lines", r -> Long.toString(r.agency.lines()));
    row(rows, reports, "records / persons", r -> r.agency.records() + " / " + r.agency.persons());
    row(rows, reports, "identifiers", r -> Long.toString(r.agency.identifiers()));
    row(rows, reports, "import file MiB", r -> mib(r.fileBytes));
    row(rows, reports, "import s", r -> String.format("%.1f", r.importSeconds));
    row(
        rows,
        reports,
        "import lines/s",
        r -> String.format("%.0f", r.agency.lines() / r.importSeconds));
    row(
        rows,
        reports,
        "stored cases / records / identifiers",
        r -> r.stored[0] + " / " + r.stored[1] + " / " + r.stored[2]);
    row(rows, reports, "node RSS after import MiB", r -> mib(r.afterImport.rssKiB() << 10));
    row(rows, reports, "node RSS after lookups MiB", r -> mib(r.afterLookups.rssKiB() << 10));
    row(rows, reports, "node peak RSS MiB", r -> mib(r.afterLookups.peakRssKiB() << 10));
    row(rows, reports, "node heap after full GC, after import MiB", r -> kib(r.heapAfterImportKiB));
    row(
        rows,
        reports,
        "node heap after full GC, after lookups MiB",
        r -> kib(r.heapAfterLookupsKiB));
    row(
        rows,
        reports,
        "target checks until every probe is found ms (filter caught up)",
        r -> r.filterReadyMs < 0 ? "not within the wait" : String.format("%.0f", r.filterReadyMs));
    Set<String> lookups = new LinkedHashSet<>();
    reports.forEach(r -> lookups.addAll(r.lookups.keySet()));
    for (String l : lookups) {
      row(rows, reports, l + " first call ms", r -> ms(r.lookups.get(l), Latency::firstMs));
      row(rows, reports, l + " p50 ms", r -> ms(r.lookups.get(l), Latency::p50Ms));
      row(rows, reports, l + " p99 ms", r -> ms(r.lookups.get(l), Latency::p99Ms));
    }
    row(
        rows,
        reports,
        "store housekeeping settled after s",
        r -> String.format("%s%.0f", r.liveFile.settled() ? "" : "not, ", r.liveFile.seconds()));
    row(rows, reports, "database file while serving MiB", r -> mib(r.liveFile.fileBytes()));
    row(
        rows,
        reports,
        "database file while serving bytes per subject",
        r -> r.perSubject(r.liveFile.fileBytes()));
    row(rows, reports, "database file after stop MiB", r -> mib(r.database.fileBytes()));
    row(
        rows,
        reports,
        "database file after stop bytes per subject",
        r -> r.perSubject(r.database.fileBytes()));
    row(
        rows,
        reports,
        "table data (all tables) bytes per subject",
        r -> r.perSubject(r.database.tableBytes()));
    Set<String> tables = new LinkedHashSet<>();
    reports.forEach(r -> tables.addAll(r.database.tables().keySet()));
    for (String t : tables) {
      row(
          rows,
          reports,
          "table " + t + " KiB (rows)",
          r -> {
            DatabaseSize.Table size = r.database.tables().get(t);
            return size == null ? "-" : (size.bytes() >> 10) + " (" + size.rows() + ")";
          });
    }
    int first = rows.stream().mapToInt(x -> x[0].length()).max().orElse(10);
    int other =
        rows.stream()
            .skip(0)
            .flatMap(x -> java.util.Arrays.stream(x).skip(1))
            .mapToInt(String::length)
            .max()
            .orElse(10);
    StringBuilder out = new StringBuilder();
    for (String[] row : rows) {
      out.append(String.format("%-" + first + "s", row[0]));
      for (int i = 1; i < row.length; i++) {
        out.append("  ").append(String.format("%" + other + "s", row[i]));
      }
      out.append('\n');
    }
    return out.toString();
  }

  private static void row(
      List<String[]> rows,
      List<ScaleReport> reports,
      String name,
      Function<ScaleReport, String> f) {
    String[] row = new String[reports.size() + 1];
    row[0] = name;
    for (int i = 0; i < reports.size(); i++) {
      row[i + 1] = f.apply(reports.get(i));
    }
    rows.add(row);
  }

  private static String ms(Latency l, Function<Latency, Double> f) {
    return l == null ? "-" : String.format("%.2f", f.apply(l));
  }

  private static String kib(long kib) {
    return kib < 0 ? "-" : mib(kib << 10);
  }

  /** Bytes per subject of this run, as printed. */
  String perSubject(long bytes) {
    return Long.toString(bytes / Math.max(1, subjects));
  }

  private static String mib(long bytes) {
    return String.format("%.1f", bytes / 1048576.0);
  }

  static final class Builder {
    private final long subjects;
    private final AgencyGenerator.Summary agency;
    private final long fileBytes;
    private final String loadAtStart;
    private double importSeconds;
    private String importResult;
    private long[] stored = {0, 0, 0};
    private ProcessMemory afterImport;
    private ProcessMemory afterLookups;
    private long heapAfterImportKiB = -1;
    private long heapAfterLookupsKiB = -1;
    private final Map<String, Latency> lookups = new LinkedHashMap<>();
    private DatabaseSize database;
    private StoreSettling.Settled liveFile;
    private double filterReadyMs;

    private Builder(
        long subjects, AgencyGenerator.Summary agency, long fileBytes, String loadAtStart) {
      this.subjects = subjects;
      this.agency = agency;
      this.fileBytes = fileBytes;
      this.loadAtStart = loadAtStart;
    }

    void imported(double seconds, String result) {
      importSeconds = seconds;
      importResult = result;
    }

    void stored(long cases, long records, long identifiers) {
      stored = new long[] {cases, records, identifiers};
    }

    /** Resident memory, and KiB of heap in use after a full GC (-1 when not read). */
    void memoryAfterImport(ProcessMemory m, long heapKiB) {
      afterImport = m;
      heapAfterImportKiB = heapKiB;
      ScaleBench.say(
          "  us.dea node after import: RSS %d MiB, heap after full GC %d MiB",
          m.rssKiB() >> 10, heapKiB >> 10);
    }

    void memoryAfterLookups(ProcessMemory m, long heapKiB) {
      afterLookups = m;
      heapAfterLookupsKiB = heapKiB;
      ScaleBench.say(
          "  us.dea node after lookups: RSS %d MiB (peak %d), heap after full GC %d MiB",
          m.rssKiB() >> 10, m.peakRssKiB() >> 10, heapKiB >> 10);
    }

    void lookup(String name, Latency latency) {
      ScaleBench.say(
          "  %-28s first %8.2f ms  p50 %8.2f ms  p99 %8.2f ms  max %8.2f ms",
          name, latency.firstMs(), latency.p50Ms(), latency.p99Ms(), latency.maxMs());
      lookups.put(name, latency);
    }

    void filterReady(double ms) {
      filterReadyMs = ms;
    }

    /** The database file while the node serves, once its housekeeping settled (or gave up). */
    void liveFile(StoreSettling.Settled settled) {
      liveFile = settled;
    }

    void database(DatabaseSize size) {
      database = size;
    }

    ScaleReport build() {
      return new ScaleReport(
          subjects,
          agency,
          fileBytes,
          loadAtStart,
          importSeconds,
          importResult,
          stored,
          afterImport,
          afterLookups,
          heapAfterImportKiB,
          heapAfterLookupsKiB,
          lookups,
          database,
          liveFile,
          filterReadyMs);
    }
  }
}

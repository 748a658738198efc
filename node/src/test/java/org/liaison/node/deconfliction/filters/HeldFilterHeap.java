package org.liaison.node.deconfliction.filters;

import com.google.protobuf.ByteString;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.liaison.node.deconfliction.matching.MatchInputs;
import org.liaison.wire.oprf.OprfKeyPair;
import org.liaison.wire.oprf.OprfMode;
import org.liaison.wire.oprf.OprfServer;
import org.liaison.wire.v1.IdentifierType;
import org.liaison.wire.v1.MatchKind;

/**
 * Prints the heap one {@link HeldFilter} (one partner, one kind) keeps for {@code targets} targets:
 * the used heap after {@code System.gc()} with the filter held, less the used heap before the
 * targets were made (Runtime figures, so a few hundred KiB of noise; H2's page cache, at most 4 MiB
 * here, counts in). The targets are phone numbers held by cases of 40 targets each, shared the way
 * {@code ActiveTargets} shares them. Their rows are written first with random 32-byte values for
 * PRF values (pseudorandom outputs; the OPRF would take about 1 ms a target) into an H2 file in a
 * temporary directory, and the filter is made from them as after a restart, then brought up to date
 * with the targets; then one case gains a target and only that case is synced, as the catch-up
 * after a change does (decision 0047). A tool, not a test:
 *
 * <p>{@code java -Xmx8g -cp node/target/classes:node/target/test-classes:<the node's test
 * classpath> org.liaison.node.deconfliction.filters.HeldFilterHeap [targets=100000]}
 */
public final class HeldFilterHeap {
  /** The node's default {@code liaison.deconfliction.filter-part-bytes}. */
  private static final int PART_BYTES = 786_432;

  private HeldFilterHeap() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    OprfServer server =
        new OprfServer(
            OprfKeyPair.derive(OprfMode.VOPRF, new byte[32], "liaison-deconfliction/us.dea/1"),
            OprfMode.VOPRF);
    Path dir = Files.createTempDirectory("held-filter-heap");
    DataSource db = HeldFilterDatabase.inFile(dir.resolve("node").toString());
    long before = usedHeap();
    Map<ByteString, Set<String>> targets = targets(n);
    long start = System.nanoTime();
    write(HeldFilterDatabase.rows(db, 1), targets);
    long written = System.nanoTime();
    HeldFilter held = new HeldFilter(MatchKind.TARGET, 1, server, n, PART_BYTES, rows(db));
    held.sync(targets, 1);
    long synced = System.nanoTime();
    held.sync(targets, 2); // a catch-up after a change elsewhere: nothing to add or remove
    long resynced = System.nanoTime();
    // catch-ups after one case changed (decision 0047): that case's rows and targets only, here
    // five cases of 40 targets each gaining one (the first warms the code up)
    double[] caseMs = new double[5];
    for (int c = 0; c < caseMs.length; c++) {
      String oneCase = String.format("DEA-2026-%07d", c * 97);
      Map<ByteString, Set<String>> ofCase = new HashMap<>();
      targets.forEach(
          (input, refs) -> {
            if (refs.contains(oneCase)) {
              ofCase.put(input, refs);
            }
          });
      ofCase.put(
          MatchInputs.identifier(IdentifierType.PHONE, String.format("+1999%07d", c)),
          Set.of(oneCase));
      long caseStart = System.nanoTime();
      held.syncRefs(Set.of(oneCase), ofCase);
      caseMs[c] = (System.nanoTime() - caseStart) / 1e6;
    }
    held.answer("", 0); // a node that answers partners keeps the serialised filter too
    targets = null;
    long after = usedHeap();
    System.out.printf(
        "%d targets: %.1f MiB retained by one held filter, %.0f bytes per target (rows written"
            + " in %d s, filter made from them and synced in %d ms, synced again unchanged in"
            + " %d ms)%n",
        n,
        (after - before) / 1048576.0,
        (after - before) / (double) n,
        (written - start) / 1_000_000_000L,
        (synced - written) / 1_000_000L,
        (resynced - synced) / 1_000_000L);
    System.out.printf(
        "%d targets: one case of 40 targets gaining one, synced alone in %s ms%n",
        n, java.util.Arrays.toString(caseMs));
    long onDisk;
    try (var files = Files.walk(dir)) {
      onDisk = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
    // the rows' cost moved from the heap to the disk: the database file with its two indexes
    System.out.printf(
        "%d targets: database file %.1f MiB, %.0f bytes per target%n",
        n, onDisk / 1048576.0, onDisk / (double) n);
    printCompacted(dir.resolve("node"), n);
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /**
   * The compacted database file (H2's {@code SHUTDOWN COMPACT}), then again after dropping each of
   * the held filters' secondary indexes in turn: the difference is that index's size; what is left
   * is the rows with their primary key.
   */
  private static void printCompacted(Path path, int n) throws java.sql.SQLException {
    org.h2.jdbcx.JdbcDataSource db = new org.h2.jdbcx.JdbcDataSource();
    db.setURL("jdbc:h2:file:" + path);
    Path file = Path.of(path + ".mv.db");
    List<String> indexes = new ArrayList<>();
    try (java.sql.Connection c = db.getConnection();
        java.sql.Statement s = c.createStatement()) {
      try (java.sql.ResultSet r =
          s.executeQuery(
              "select table_name, index_name, index_type_name from information_schema.indexes"
                  + " where table_name like 'HELD_FILTER%' order by table_name, index_name")) {
        while (r.next()) {
          System.out.printf("  index %s.%s (%s)%n", r.getString(1), r.getString(2), r.getString(3));
          // an index a constraint owns cannot be dropped alone: it counts with the rows
          if (r.getString(3).equals("INDEX")
              && !r.getString(1).equals("HELD_FILTERS")
              && !r.getString(2).startsWith("CONSTRAINT_")) {
            indexes.add(r.getString(2));
          }
        }
      }
      s.execute("SHUTDOWN COMPACT");
    }
    long last = file.toFile().length();
    System.out.printf(
        "%d targets: compacted database file %.1f MiB, %.0f bytes per target%n",
        n, last / 1048576.0, last / (double) n);
    for (String index : indexes) {
      try (java.sql.Connection c = db.getConnection();
          java.sql.Statement s = c.createStatement()) {
        s.execute("DROP INDEX " + index);
        s.execute("SHUTDOWN COMPACT");
      }
      long now = file.toFile().length();
      System.out.printf(
          "%d targets:   index %s %.1f MiB, %.0f bytes per target%n",
          n, index, (last - now) / 1048576.0, (last - now) / (double) n);
      last = now;
    }
    System.out.printf(
        "%d targets:   the rows with their primary key (and H2's own pages) %.1f MiB, %.0f bytes"
            + " per target%n",
        n, last / 1048576.0, last / (double) n);
  }

  private static HeldFilterRows rows(DataSource db) {
    return HeldFilterDatabase.rows(db, 1);
  }

  private static void write(HeldFilterRows rows, Map<ByteString, Set<String>> targets) {
    SecureRandom random = new SecureRandom();
    List<HeldFilterRows.Row> page = new ArrayList<>();
    for (Map.Entry<ByteString, Set<String>> t : targets.entrySet()) {
      byte[] prf = new byte[32];
      random.nextBytes(prf);
      for (String ref : t.getValue()) {
        page.add(HeldFilterRows.Row.of(t.getKey(), ref, ByteString.copyFrom(prf)));
      }
      if (page.size() >= HeldFilterRows.PAGE) {
        rows.insert(page);
        page.clear();
      }
    }
    rows.insert(page);
  }

  static Map<ByteString, Set<String>> targets(int n) {
    Map<ByteString, Set<String>> out = new HashMap<>();
    Set<String> refs = Set.of();
    for (int i = 0; i < n; i++) {
      if (i % 40 == 0) {
        refs = Set.of(String.format("DEA-2026-%07d", i / 40));
      }
      out.put(MatchInputs.identifier(IdentifierType.PHONE, String.format("+1%010d", i)), refs);
    }
    return out;
  }

  static long usedHeap() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }
}

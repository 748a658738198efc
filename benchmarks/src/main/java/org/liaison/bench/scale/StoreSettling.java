package org.liaison.bench.scale;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.liaison.cluster.AgencyNode;

/**
 * Waits, for at most a bound, until a node's store housekeeping (decisions 0017, 0065) has nothing
 * left to do, so that the database file is measured as the node leaves it, not in the middle of its
 * compaction rounds (decision 0068). The node counts its rounds that found nothing to compact in
 * {@value #IDLE_ROUNDS}; the store is settled once two such rounds have ended since the wait began
 * (the first may have started before it). A node built before that metric never says so, and the
 * wait runs to its bound.
 */
final class StoreSettling {
  static final String IDLE_ROUNDS = "liaison_node_store_housekeeping_rounds_total";

  private static final String IDLE = "outcome=\"idle\"";

  /** Whether the store settled, after how long, and the file's size then. */
  record Settled(boolean settled, double seconds, long fileBytes) {}

  private StoreSettling() {}

  static Settled await(AgencyNode node, Duration bound) throws IOException, InterruptedException {
    Path file = node.dataDir().resolve("node.mv.db");
    long start = System.nanoTime();
    long end = start + bound.toNanos();
    double first = idleRounds(node);
    int asked = 0;
    while (true) {
      double now = idleRounds(node);
      if (first < 0) {
        first = now; // the node counted its first round since the wait began
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      if (first >= 0 && now >= first + 2) {
        ScaleBench.say(
            "  us.dea's store housekeeping has nothing to do after %.1f s: file %.1f MiB",
            seconds, Files.size(file) / 1048576.0);
        return new Settled(true, seconds, Files.size(file));
      }
      if (System.nanoTime() >= end) {
        ScaleBench.say(
            "  us.dea's store housekeeping did not settle within %.0f s (idle rounds: %s): file"
                + " %.1f MiB",
            seconds,
            first < 0 ? "not reported" : Double.toString(now - first),
            Files.size(file) / 1048576.0);
        return new Settled(false, seconds, Files.size(file));
      }
      if (asked++ % 30 == 0) {
        ScaleBench.say(
            "  us.dea's store housekeeping: waiting for two rounds with nothing to do (file %.1f"
                + " MiB)",
            Files.size(file) / 1048576.0);
      }
      Thread.sleep(1000);
    }
  }

  /**
   * The node's idle rounds so far (0 before its first), or -1 when it counts no rounds at all (a
   * node built before that metric, or no round yet).
   */
  private static double idleRounds(AgencyNode node) throws InterruptedException {
    try {
      if (node.metricSum(IDLE_ROUNDS, "").isEmpty()) {
        return -1;
      }
      return node.metricSum(IDLE_ROUNDS, IDLE).orElse(0);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}

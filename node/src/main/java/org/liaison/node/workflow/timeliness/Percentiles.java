package org.liaison.node.workflow.timeliness;

import java.util.Arrays;

/** Nearest-rank percentiles: the smallest value with at least p% of the values at or below it. */
public final class Percentiles {
  private Percentiles() {}

  /**
   * @param values not empty
   * @param p in (0, 100]
   */
  public static long of(long[] values, double p) {
    if (values.length == 0) {
      throw new IllegalArgumentException("no values");
    }
    if (!(p > 0 && p <= 100)) {
      throw new IllegalArgumentException("percentile must be in (0, 100]: " + p);
    }
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(rank, 1) - 1];
  }
}

package org.liaison.node.workflow;

import java.time.Instant;

/** A workflow's due time as its messages carry it: epoch milliseconds, 0 for no due time. */
public final class DueTimes {
  private DueTimes() {}

  public static long toWire(Instant due) {
    return due == null ? 0 : due.toEpochMilli();
  }

  /** The due time a message carries; null when it carries none. */
  public static Instant fromWire(long epochMs) {
    return epochMs == 0 ? null : Instant.ofEpochMilli(epochMs);
  }
}

package org.liaison.node.workflow;

/** Which steps count in step timings: all but the overdue flag, which marks a time, not a step. */
public final class Timings {
  private Timings() {}

  public static boolean timed(String step) {
    return !Step.OVERDUE.equals(step);
  }
}

package org.liaison.agreements;

import java.time.Instant;

/**
 * One lifecycle step of an agreement, kept in {@code <id>.status.yaml}: who did what, when and why.
 */
public record LifecycleEvent(Action action, String by, Instant at, String why) {
  public enum Action {
    SUSPEND,
    RESUME,
    TERMINATE
  }
}

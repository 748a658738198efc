package org.liaison.agreements;

/**
 * Operational terms of an agreement that the node and gateway enforce outside the policy engine.
 */
public final class Terms {
  private Terms() {}

  /** Daily quotas per requesting party. */
  public record RateLimits(int queriesPerDay, int deconflictionProbesPerDay) {}

  /**
   * Which de-confliction checks the parties run with each other, and the event buffers both sides
   * use: extra distance and time between two operations still counted as a conflict.
   */
  public record Deconfliction(
      boolean target, boolean event, int eventBufferMetres, int eventBufferMinutes) {
    public static final int DEFAULT_BUFFER_METRES = 500;
    public static final int DEFAULT_BUFFER_MINUTES = 60;

    /** With the default buffers (500 m, 60 min). */
    public Deconfliction(boolean target, boolean event) {
      this(target, event, DEFAULT_BUFFER_METRES, DEFAULT_BUFFER_MINUTES);
    }
  }

  /** Whether results must be reported back to the originating agency, and within how many days. */
  public record Feedback(boolean owedToOriginator, int withinDays) {}

  /** Service levels for requests for information (and cross-designation requests, if tracked). */
  public record ServiceLevels(int respondWithinHours, boolean designationRequestsTracked) {}
}

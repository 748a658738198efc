package org.liaison.agreements;

/**
 * Operational terms of an agreement that the node and gateway enforce outside the policy engine.
 */
public final class Terms {
  private Terms() {}

  /** Daily quotas per requesting party. */
  public record RateLimits(int queriesPerDay, int deconflictionProbesPerDay) {}

  /** Which de-confliction checks the parties run with each other. */
  public record Deconfliction(boolean target, boolean event) {}

  /** Whether results must be reported back to the originating agency, and within how many days. */
  public record Feedback(boolean owedToOriginator, int withinDays) {}

  /** Service levels for requests for information (and cross-designation requests, if tracked). */
  public record ServiceLevels(int respondWithinHours, boolean designationRequestsTracked) {}
}

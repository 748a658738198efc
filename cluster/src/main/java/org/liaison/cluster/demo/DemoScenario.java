package org.liaison.cluster.demo;

import org.liaison.cluster.Federation;

/**
 * One acceptance case of docs/reference-federation.md, played against a running federation through
 * the officer API and told in plain language. Adding a case adds one class and one line in {@link
 * Demo#SCENARIOS}.
 */
public interface DemoScenario {

  /** The case number in docs/reference-federation.md. */
  int caseNumber();

  /** A short title, e.g. "Target conflict". */
  String title();

  /**
   * Plays the case and says what happened.
   *
   * @return true if the federation behaved as the case requires
   */
  boolean run(Federation federation, Narrator say) throws Exception;
}

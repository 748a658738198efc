package org.liaison.cluster.demo;

import org.liaison.cluster.Federation;

/**
 * How one acceptance case of docs/reference-federation.md is played against a running federation
 * through the officer API and told in plain language. Its number and title are its {@link
 * DemoCase}: adding a case adds one class and one line in {@link Demo#CASES}.
 */
@FunctionalInterface
public interface DemoScenario {

  /**
   * Plays the case and says what happened.
   *
   * @return true if the federation behaved as the case requires
   */
  boolean run(Federation federation, Narrator say) throws Exception;
}

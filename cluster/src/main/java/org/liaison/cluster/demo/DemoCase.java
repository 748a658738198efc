package org.liaison.cluster.demo;

/**
 * One acceptance case of the demo.
 *
 * @param number the case number in docs/reference-federation.md
 * @param title a short title, e.g. "Target conflict"
 * @param scenario how it is played
 */
record DemoCase(int number, String title, DemoScenario scenario) {}

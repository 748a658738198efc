package org.liaison.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** One process of the federation (a node or a gateway): its ports, log, and stop/start. */
public abstract class FederationProcess {

  private final String agency;
  private final int httpPort;
  private final JavaProcess process;
  private final Duration healthTimeout;

  FederationProcess(String agency, int httpPort, JavaProcess process, Duration healthTimeout) {
    this.agency = agency;
    this.httpPort = httpPort;
    this.process = process;
    this.healthTimeout = healthTimeout;
  }

  public String agency() {
    return agency;
  }

  /** The port of {@code /q/health} and {@code /q/metrics}. */
  public int httpPort() {
    return httpPort;
  }

  public Path log() {
    return process.log();
  }

  /** The system properties the process runs with. */
  public Map<String, String> configuration() {
    return Map.copyOf(process.systemProperties());
  }

  /**
   * Sets a configuration key for the next start (e.g. {@code liaison.gateway.test.flip-byte}); call
   * {@link #restart()} to apply it. A null value removes the key.
   */
  public void option(String key, String value) {
    process.systemProperties().compute(key, (k, old) -> value);
  }

  /**
   * Sets an environment variable for the next start (a null value removes it); call {@link
   * #restart()} to apply it.
   */
  public void environment(String key, String value) {
    process.environment().compute(key, (k, old) -> value);
  }

  public boolean isRunning() {
    return process.isAlive();
  }

  /** Stops the process and its children; its data stays. */
  public void stop() {
    process.stop();
  }

  /** Starts the process again (same ports and data) and waits until it is ready. */
  public void start() {
    process.start();
    process.awaitHealthy(healthTimeout);
  }

  /** Stops, then starts again and waits until ready. */
  public void restart() {
    stop();
    start();
  }

  JavaProcess process() {
    return process;
  }

  /** The operating-system pid of the running process, or -1 (benchmarks read its memory). */
  public long pid() {
    return process.pid();
  }

  @Override
  public String toString() {
    return getClass().getSimpleName()
        + "["
        + agency
        + (isRunning() ? ", running" : ", stopped")
        + "]";
  }
}

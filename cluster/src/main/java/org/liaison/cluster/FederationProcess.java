package org.liaison.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalDouble;

/** One process of the federation (a node or a gateway): its ports, log, and stop/start. */
public abstract class FederationProcess {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

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

  /** The process's metrics now: the Prometheus text of {@code /q/metrics}. */
  public String metrics() throws IOException, InterruptedException {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/q/metrics"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IOException(
          this + ": /q/metrics answered " + r.statusCode() + " (is the process ready?)");
    }
    return r.body();
  }

  /**
   * The sum of the samples of metric {@code name} whose labels contain {@code labels} (e.g. {@code
   * outcome="idle"}; empty for all), or empty when the process has no such series.
   */
  public OptionalDouble metricSum(String name, String labels)
      throws IOException, InterruptedException {
    double sum = 0;
    boolean found = false;
    for (String line : metrics().lines().toList()) {
      if (line.startsWith(name + "{") && line.contains(labels)) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        found = true;
      }
    }
    return found ? OptionalDouble.of(sum) : OptionalDouble.empty();
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

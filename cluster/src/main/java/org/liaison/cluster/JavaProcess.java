package org.liaison.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM with its own log file and an HTTP readiness URL: started, awaited until the URL
 * answers 200, stopped with its whole process tree. Restartable; the log is appended to.
 */
public final class JavaProcess {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  private final String name;
  private final List<String> launch;
  private final Map<String, String> systemProperties;
  private final Map<String, String> environment =
      java.util.Collections.synchronizedMap(new LinkedHashMap<>());
  private final List<String> jvmOptions;
  private final List<String> arguments;
  private final Path log;
  private final URI health;
  private final Path workingDir;
  private final ClassDataArchive classData;
  private Process process;
  private List<String> classDataOptions = List.of();

  private JavaProcess(Builder b) {
    this.name = b.name;
    this.launch = List.copyOf(b.launch);
    this.systemProperties =
        java.util.Collections.synchronizedMap(new LinkedHashMap<>(b.systemProperties));
    this.jvmOptions = List.copyOf(b.jvmOptions);
    this.arguments = List.copyOf(b.arguments);
    this.log = Objects.requireNonNull(b.log, "log");
    this.health = Objects.requireNonNull(b.health, "healthUrl");
    this.workingDir = b.workingDir;
    this.classData = b.classData;
  }

  public static Builder builder(String name) {
    return new Builder(name);
  }

  public String name() {
    return name;
  }

  public Path log() {
    return log;
  }

  public URI healthUrl() {
    return health;
  }

  /**
   * The system properties ({@code -Dkey=value}) the process starts with; changes apply on the next
   * start.
   */
  public Map<String, String> systemProperties() {
    return systemProperties;
  }

  /**
   * Environment variables added to the process's (e.g. {@code LD_PRELOAD} and {@code FAKETIME} for
   * a clock-skew test); changes apply on the next start.
   */
  public Map<String, String> environment() {
    return environment;
  }

  /** The full command line of the last start (before the first: of the next). */
  public synchronized List<String> command() {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmOptions);
    cmd.addAll(classDataOptions);
    systemProperties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
    cmd.addAll(launch);
    cmd.addAll(arguments);
    return cmd;
  }

  /** Starts the process (appending to its log); does not wait for health. */
  public synchronized void start() {
    if (isAlive()) {
      throw new ProcessStartException(name + " is already running (pid " + process.pid() + ").");
    }
    endRecording();
    if (classData != null) {
      classDataOptions = classData.jvmOptionsForStart();
    }
    try {
      Files.createDirectories(log.getParent());
      Files.writeString(
          log,
          "### "
              + java.time.Instant.now()
              + " starting "
              + name
              + ": "
              + String.join(" ", command())
              + "\n",
          StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
      ProcessBuilder pb =
          new ProcessBuilder(command())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .redirectInput(ProcessBuilder.Redirect.PIPE);
      synchronized (environment) {
        pb.environment().putAll(environment);
      }
      if (workingDir != null) {
        Files.createDirectories(workingDir);
        pb.directory(workingDir.toFile());
      }
      process = pb.start();
      process.getOutputStream().close();
      ProcessRegistry.register(this);
    } catch (IOException e) {
      throw new ProcessStartException("Cannot start " + name + ": " + e.getMessage(), e);
    }
  }

  /**
   * Waits until the health URL answers 200.
   *
   * @throws ProcessStartException with the tail of the log if the process exits or the timeout
   *     passes
   */
  public void awaitHealthy(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Process p;
    synchronized (this) {
      p = process;
    }
    if (p == null) {
      throw new ProcessStartException(name + " was never started.");
    }
    HttpRequest request =
        HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).GET().build();
    int lastStatus = -1;
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new ProcessStartException(
            name
                + " exited with code "
                + p.exitValue()
                + " before it was ready. Last lines of "
                + log
                + ":\n"
                + logTail(40));
      }
      try {
        HttpResponse<Void> r = HTTP.send(request, HttpResponse.BodyHandlers.discarding());
        lastStatus = r.statusCode();
        if (lastStatus == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ProcessStartException("Interrupted while waiting for " + name + ".", e);
      }
      sleep(150);
    }
    throw new ProcessStartException(
        name
            + " was not ready within "
            + timeout.toSeconds()
            + " s ("
            + health
            + (lastStatus < 0 ? " never answered" : " last answered " + lastStatus)
            + "). Last lines of "
            + log
            + ":\n"
            + logTail(40));
  }

  public synchronized boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** The pid of the running process, or -1. */
  public synchronized long pid() {
    return process == null ? -1 : process.pid();
  }

  /**
   * Stops the process and every process it started: politely (SIGTERM) first, forcibly after 10 s.
   * Does nothing if it is not running.
   */
  public void stop() {
    Process p;
    synchronized (this) {
      p = process;
    }
    if (p == null) {
      return;
    }
    List<ProcessHandle> descendants = p.descendants().toList();
    boolean recording;
    synchronized (this) {
      recording = classData != null && classData.records(classDataOptions);
    }
    p.destroy();
    try {
      // a JVM that records the class-data archive writes it on its way out
      if (!p.waitFor(recording ? 90 : 10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        p.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
    }
    for (ProcessHandle d : descendants) {
      d.destroyForcibly();
    }
    endRecording();
    ProcessRegistry.unregister(this);
  }

  /** If the last run recorded the class-data archive and has ended: keeps or drops its archive. */
  private synchronized void endRecording() {
    if (process != null
        && !process.isAlive()
        && classData != null
        && classData.records(classDataOptions)) {
      classData.recorded(process.exitValue());
    }
  }

  /** The last {@code lines} lines of the log. */
  public String logTail(int lines) {
    try {
      if (!Files.exists(log)) {
        return "(no log)";
      }
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(cannot read " + log + ": " + e.getMessage() + ")";
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "JavaProcess[" + name + (isAlive() ? ", pid " + pid() : ", stopped") + "]";
  }

  /** How to launch a {@link JavaProcess}. */
  public static final class Builder {
    private final String name;
    private final List<String> launch = new ArrayList<>();
    private final Map<String, String> systemProperties = new LinkedHashMap<>();
    private final List<String> jvmOptions = new ArrayList<>();
    private final List<String> arguments = new ArrayList<>();
    private Path log;
    private URI health;
    private Path workingDir;
    private ClassDataArchive classData;

    private Builder(String name) {
      this.name = name;
    }

    /** Runs {@code java -jar jar}. */
    public Builder jar(Path jar) {
      launch.clear();
      launch.addAll(List.of("-jar", jar.toString()));
      return this;
    }

    /** Runs {@code java -cp classpath mainClass}. */
    public Builder mainClass(String classpath, String mainClass) {
      launch.clear();
      launch.addAll(List.of("-cp", classpath, mainClass));
      return this;
    }

    public Builder jvmOptions(String... options) {
      jvmOptions.addAll(List.of(options));
      return this;
    }

    public Builder systemProperty(String key, String value) {
      systemProperties.put(key, value);
      return this;
    }

    public Builder systemProperties(Map<String, String> properties) {
      systemProperties.putAll(properties);
      return this;
    }

    public Builder arguments(String... args) {
      arguments.addAll(List.of(args));
      return this;
    }

    public Builder log(Path log) {
      this.log = log;
      return this;
    }

    /** The URL that answers 200 when the process is ready. */
    public Builder healthUrl(URI url) {
      this.health = url;
      return this;
    }

    public Builder workingDir(Path dir) {
      this.workingDir = dir;
      return this;
    }

    /**
     * Start from this class-data-sharing archive, or record it if it does not exist yet ({@link
     * ClassDataArchive}).
     */
    public Builder classDataArchive(ClassDataArchive archive) {
      this.classData = archive;
      return this;
    }

    public JavaProcess build() {
      if (launch.isEmpty()) {
        throw new IllegalStateException(
            name + ": say what to run with jar(...) or mainClass(...).");
      }
      return new JavaProcess(this);
    }
  }
}

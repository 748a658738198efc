package org.liaison.cluster;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.UnaryOperator;
import org.liaison.pki.DevPki;
import org.liaison.pki.PkiCommand;
import org.liaison.postgres.DevPostgres;

/**
 * Several agencies on loopback, each one node and one gateway as real processes, with a fresh
 * development PKI and freshly signed reference agreements.
 *
 * <pre>{@code
 * try (Federation f = Federation.builder().agencies("us.ice", "us.dea").workDir(dir).build().start()) {
 *   try (NodeClient ice = f.node("us.ice").client()) { ... }
 * }
 * }</pre>
 *
 * <p>Layout of the work folder: {@code pki/} (DevPki), {@code agreements/} (the signed originals),
 * {@code <agency>/agreements/} (each agency's own copy), {@code <agency>/node-1/data/}, {@code
 * <agency>/records.jsonl} (seed), {@code logs/<agency>-node.log} and {@code -gateway.log}.
 *
 * <p>This class prepares, starts and stops; the parts have one job each: {@link FederationPki} (PKI
 * and signed agreements), {@link AgencyPorts} (ports), {@link AgencyFiles} (seed records, officer
 * directory), {@link ProcessConfiguration} (each process's configuration), {@link QuarkusApps}
 * (where node and gateway are built), {@link JavaProcess} (one process), {@link Revocation} (a
 * revocation a test takes back).
 */
public final class Federation implements AutoCloseable {

  /** Every process listens and is reached on this address. */
  public static final String HOST = "127.0.0.1";

  /** The agencies the demo and {@link FederationTest} use by default. */
  public static final List<String> DEMO_AGENCIES =
      List.of("us.ice", "us.cbp", "us.dea", "ru.skr", "us.ioc2");

  static final String NODE = "node-1";
  static final String OFFICER_DIRECTORY = "officers.properties";

  /** Quick to start and small: right for tests and the demo, not for measuring speed. */
  public static final List<String> JVM_OPTIONS =
      List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx192m");

  /** The full JIT (C2) and more heap: for benchmarks, which run long enough to profit. */
  public static final List<String> BENCHMARK_JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-Xmx512m");

  private final Builder config;
  private final Map<String, AgencyNode> nodes = new LinkedHashMap<>();
  private final Map<String, AgencyGateway> gateways = new LinkedHashMap<>();
  private final Map<String, Integer> postgresPorts = new LinkedHashMap<>();
  private final Map<String, DevPostgres> postgres = new LinkedHashMap<>();
  private boolean prepared;
  private Duration startupTime = Duration.ZERO;

  private Federation(Builder config) {
    this.config = config;
  }

  public static Builder builder() {
    return new Builder();
  }

  public List<String> agencies() {
    return List.copyOf(config.agencies);
  }

  public Path workDir() {
    return config.workDir;
  }

  public Path pkiDir() {
    return config.workDir.resolve("pki");
  }

  /**
   * Runs the development PKI's command line ({@code liaison-pki args --pki DIR}) on this
   * federation's PKI, as its operator would; fails with the tool's error unless it exits 0.
   */
  public void pki(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--pki");
    all.add(pkiDir().toString());
    StringWriter err = new StringWriter();
    int exit =
        PkiCommand.commandLine()
            .setErr(new PrintWriter(err, true))
            .execute(all.toArray(String[]::new));
    if (exit != 0) {
      throw new IllegalStateException(
          "liaison-pki " + String.join(" ", all) + " exited " + exit + ": " + err);
    }
  }

  /** The signed reference agreements every agency got a copy of. */
  public Path agreementsDir() {
    return config.workDir.resolve("agreements");
  }

  public AgencyNode node(String agency) {
    return require(nodes, agency);
  }

  public AgencyGateway gateway(String agency) {
    return require(gateways, agency);
  }

  /** From {@link #start()} until every process was ready. */
  public Duration startupTime() {
    return startupTime;
  }

  /**
   * Creates the work folder contents (PKI, agreements, seed files, process configuration) without
   * starting anything. {@link #start()} calls it if needed.
   */
  public synchronized Federation prepare() {
    if (prepared) {
      return this;
    }
    Path work = work();
    AgencyFiles.deleteTree(work);
    try {
      Files.createDirectories(work.resolve("logs"));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create " + work, e);
    }
    DevPki pki =
        FederationPki.create(
            pkiDir(),
            agreementsDir(),
            agencies(),
            config.clones,
            config.today,
            config.agreementEdits);
    QuarkusApps apps = apps();

    Map<String, AgencyPorts> portsOf = AgencyPorts.allocate(agencies());
    List<String> onPostgres = config.agencies.stream().filter(config.postgresql::contains).toList();
    List<Integer> postgresPortList = FreePorts.allocate(onPostgres.size());
    for (int i = 0; i < onPostgres.size(); i++) {
      postgresPorts.put(onPostgres.get(i), postgresPortList.get(i));
    }
    for (String agency : config.agencies) {
      AgencyPorts p = portsOf.get(agency);
      Path agencyDir = work.resolve(agency);
      Path agreements = agencyDir.resolve("agreements");
      AgencyFiles.copyTree(agreementsDir(), agreements);
      Path dataDir = agencyDir.resolve(NODE).resolve("data");
      ProcessConfiguration.NodeFiles files =
          new ProcessConfiguration.NodeFiles(
              agreements,
              dataDir,
              AgencyFiles.seedFile(
                  agency,
                  agencyDir,
                  config.clones.get(agency),
                  config.seedReferenceRecords,
                  config.extraSeeds.getOrDefault(agency, List.of())),
              AgencyFiles.officerDirectory(agencyDir));
      Map<String, String> node =
          ProcessConfiguration.node(
              agency,
              p,
              pki,
              files,
              java.util.Optional.ofNullable(postgresPorts.get(agency)),
              config.nodeOptions);
      Map<String, String> gateway =
          ProcessConfiguration.gateway(
              agency, portsOf, pki, agreements, agencyDir, config.gatewayOptions);

      JavaProcess nodeProcess =
          process(
              agency + "-node",
              apps.node(postgresPorts.containsKey(agency)),
              node,
              p.nodeHttp(),
              agencyDir.resolve(NODE));
      JavaProcess gatewayProcess =
          process(
              agency + "-gateway",
              apps.gateway(),
              gateway,
              p.gatewayHttp(),
              agencyDir.resolve("gateway"));
      nodes.put(
          agency,
          new AgencyNode(
              agency,
              NODE,
              p.officer(),
              p.federation(),
              p.nodeHttp(),
              pki.root(),
              dataDir,
              nodeProcess,
              config.healthTimeout));
      gateways.put(
          agency,
          new AgencyGateway(
              agency,
              p.partner(),
              p.gatewayNode(),
              p.gatewayHttp(),
              gatewayProcess,
              config.healthTimeout));
    }
    prepared = true;
    return this;
  }

  private JavaProcess process(
      String name, Path jar, Map<String, String> properties, int httpPort, Path workingDir) {
    return JavaProcess.builder(name)
        .jar(jar)
        .jvmOptions(config.jvmOptions.toArray(String[]::new))
        .classDataArchive(config.classDataSharing ? ClassDataArchive.of(jar.getParent()) : null)
        .systemProperties(properties)
        .log(work().resolve("logs").resolve(name + ".log"))
        .healthUrl(URI.create("http://" + HOST + ":" + httpPort + "/q/health/ready"))
        .workingDir(workingDir)
        .build();
  }

  /**
   * Starts every gateway and node in parallel and waits until each is ready.
   *
   * @throws ProcessStartException naming the first process that did not become ready, with its log
   *     tail (everything started is stopped again)
   */
  public synchronized Federation start() {
    prepare();
    apps().requireBuilt(!config.postgresql.isEmpty());
    long t0 = System.nanoTime();
    List<FederationProcess> all = new ArrayList<>();
    all.addAll(gateways.values());
    all.addAll(nodes.values());
    try {
      startPostgres();
      all.forEach(p -> p.process().start());
      CompletableFuture<?>[] ready =
          all.stream()
              .map(
                  p ->
                      CompletableFuture.runAsync(
                          () -> p.process().awaitHealthy(config.healthTimeout)))
              .toArray(CompletableFuture[]::new);
      CompletableFuture.allOf(ready).join();
    } catch (CompletionException e) {
      stopAll();
      throw e.getCause() instanceof ProcessStartException pse
          ? pse
          : new ProcessStartException(
              "The federation did not start: " + e.getCause(), e.getCause());
    } catch (RuntimeException e) {
      stopAll();
      throw e;
    }
    startupTime = Duration.ofNanos(System.nanoTime() - t0);
    return this;
  }

  /** Stops every process and its children (nodes first, then gateways); safe to call twice. */
  public void stopAll() {
    stopTogether(nodes.values());
    stopTogether(gateways.values());
    postgres.values().forEach(DevPostgres::close);
    postgres.clear();
  }

  /** Stops these processes in parallel and returns when every one has stopped. */
  private static void stopTogether(Collection<? extends FederationProcess> processes) {
    CompletableFuture.allOf(
            processes.stream()
                .map(p -> CompletableFuture.runAsync(p::stop))
                .toArray(CompletableFuture[]::new))
        .join();
  }

  /** The PostgreSQL server of an agency's node, if it runs on one ({@link Builder#postgresql}). */
  public java.util.Optional<DevPostgres> postgres(String agency) {
    return java.util.Optional.ofNullable(postgres.get(agency));
  }

  /**
   * Each PostgreSQL agency's server, in {@code <agency>/node-1/postgres/} (kept, like the H2 data
   * folder, when nodes restart), on the port its node was configured with.
   */
  private void startPostgres() {
    for (Map.Entry<String, Integer> e : postgresPorts.entrySet()) {
      if (!postgres.containsKey(e.getKey())) {
        Path dataDir = work().resolve(e.getKey()).resolve(NODE).resolve("postgres");
        postgres.put(
            e.getKey(),
            config.postgresqlBinaries == null
                ? DevPostgres.start(dataDir, e.getValue())
                : DevPostgres.start(dataDir, e.getValue(), config.postgresqlBinaries));
      }
    }
  }

  /** The work folder, absolute: the processes run in their own working folders. */
  private Path work() {
    return config.workDir.toAbsolutePath().normalize();
  }

  /** The applications the processes run, built below the repository root. */
  private QuarkusApps apps() {
    return new QuarkusApps(
        config.repositoryRoot != null ? config.repositoryRoot : RepositoryRoot.find());
  }

  @Override
  public void close() {
    stopAll();
  }

  private static <T> T require(Map<String, T> map, String agency) {
    T t = map.get(agency);
    if (t == null) {
      throw new IllegalArgumentException(
          agency
              + " is not in this federation ("
              + String.join(", ", map.keySet())
              + "); prepare() or start() it first.");
    }
    return t;
  }

  /** Configures a {@link Federation}; nothing happens until {@link Federation#start()}. */
  public static final class Builder {
    private final Set<String> agencies = new LinkedHashSet<>();
    private Path workDir = Path.of("target", "federation", "default");
    private boolean seedReferenceRecords = true;
    private final Map<String, Map<String, String>> nodeOptions = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> gatewayOptions = new LinkedHashMap<>();
    private final Map<String, List<String>> extraSeeds = new LinkedHashMap<>();
    private final Map<String, String> clones = new LinkedHashMap<>();
    private final Set<String> postgresql = new LinkedHashSet<>();
    private Path postgresqlBinaries;
    private List<String> jvmOptions = JVM_OPTIONS;
    private boolean classDataSharing = true;
    // generous: a loaded 2-core CI runner; -Dliaison.cluster.health-timeout-s for a busier one
    private Duration healthTimeout =
        Duration.ofSeconds(Long.getLong("liaison.cluster.health-timeout-s", 180));
    private Path repositoryRoot;
    private LocalDate today = LocalDate.now(Clock.systemUTC());
    private final Map<String, UnaryOperator<String>> agreementEdits = new LinkedHashMap<>();

    private Builder() {}

    public Builder agencies(String... ids) {
      return agencies(List.of(ids));
    }

    public Builder agencies(List<String> ids) {
      agencies.addAll(ids);
      return this;
    }

    /**
     * Adds agencies that are copies of the reference agency {@code template}: each gets the
     * template's reference agreements with the other agencies present and its reference records,
     * under its own id and PKI (for federations larger than the reference one, e.g. a fan-out to
     * ten partners). Clones have no agreements with each other.
     */
    public Builder clones(String template, List<String> ids) {
      for (String id : ids) {
        clones.put(id, template);
      }
      return agencies(ids);
    }

    /** The folder to work in; it is emptied when the federation is prepared. */
    public Builder workDir(Path dir) {
      this.workDir = dir;
      return this;
    }

    /**
     * Seed each node from {@code reference/records/<agency>.jsonl} on the classpath, if present
     * (default true).
     */
    public Builder seedReferenceRecords(boolean seed) {
      this.seedReferenceRecords = seed;
      return this;
    }

    /**
     * More seed records for one agency: a JSON Lines resource on the classpath, appended to its
     * reference records (or seeded alone when those are off).
     */
    public Builder extraSeed(String agency, String classpathResource) {
      extraSeeds.computeIfAbsent(agency, a -> new ArrayList<>()).add(classpathResource);
      return this;
    }

    /** A configuration key for one agency's gateway, overriding the kit's value. */
    public Builder gatewayOption(String agency, String key, String value) {
      gatewayOptions.computeIfAbsent(agency, a -> new LinkedHashMap<>()).put(key, value);
      return this;
    }

    /**
     * These agencies' nodes run on a real PostgreSQL server each (started before the node, stopped
     * after it), from the node built with {@code -Ppostgresql}; the others on H2.
     */
    public Builder postgresql(String... agencies) {
      postgresql.addAll(List.of(agencies));
      return this;
    }

    /**
     * The PostgreSQL servers run from this installation's binaries (its {@code initdb} and {@code
     * postgres}, e.g. Debian's {@code /usr/lib/postgresql/15/bin}) instead of Maven's PostgreSQL
     * 17.
     */
    public Builder postgresqlBinaries(Path bin) {
      this.postgresqlBinaries = bin;
      return this;
    }

    /** A configuration key for every gateway. */
    public Builder gatewayOption(String key, String value) {
      return gatewayOption("*", key, value);
    }

    /** A configuration key for one agency's node, overriding the kit's value. */
    public Builder nodeOption(String agency, String key, String value) {
      nodeOptions.computeIfAbsent(agency, a -> new LinkedHashMap<>()).put(key, value);
      return this;
    }

    /** A configuration key for every node. */
    public Builder nodeOption(String key, String value) {
      return nodeOption("*", key, value);
    }

    /** The JVM options of every process (default {@link #JVM_OPTIONS}). */
    public Builder jvmOptions(List<String> options) {
      this.jvmOptions = List.copyOf(options);
      return this;
    }

    /**
     * Whether the processes start from a class-data-sharing archive of their application, recorded
     * by the first one ({@link ClassDataArchive}; default true): a quicker start, the same classes.
     * Off where a measurement must see a process as it runs in production (e.g. its memory).
     */
    public Builder classDataSharing(boolean share) {
      this.classDataSharing = share;
      return this;
    }

    /**
     * How long each process may take to become ready (default 180 s, or {@code
     * -Dliaison.cluster.health-timeout-s}).
     */
    public Builder healthTimeout(Duration timeout) {
      this.healthTimeout = timeout;
      return this;
    }

    /** Where node/ and gateway/ are built (default: {@link RepositoryRoot#find()}). */
    public Builder repositoryRoot(Path root) {
      this.repositoryRoot = root;
      return this;
    }

    /**
     * Edits the text of a reference agreement before the parties sign it (a load run raises a daily
     * quota that its volume would exceed); the edited text must still validate.
     */
    public Builder agreementEdit(String agreementId, UnaryOperator<String> edit) {
      agreementEdits.merge(agreementId, edit, (a, b) -> t -> b.apply(a.apply(t)));
      return this;
    }

    /** The date the reference agreements are made around (default today, UTC). */
    public Builder today(LocalDate date) {
      this.today = date;
      return this;
    }

    public Federation build() {
      if (agencies.size() < 2) {
        throw new IllegalArgumentException(
            "A federation needs at least two agencies; got " + agencies + ".");
      }
      return new Federation(this);
    }
  }
}

package org.liaison.bench.federation;

import com.google.protobuf.ByteString;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.liaison.bench.load.LoadFederation;
import org.liaison.bench.load.ProcessCpu;
import org.liaison.bench.load.WarmUp;
import org.liaison.cli.NodeClient;
import org.liaison.cluster.Federation;
import org.liaison.cluster.FreePorts;
import org.liaison.wire.v1.Envelope;
import org.liaison.wire.v1.OfficerCheckRequest;
import org.liaison.wire.v1.OfficerQueryRequest;
import org.liaison.wire.v1.PartnerAnswer;
import org.liaison.wire.v1.PartnerCheckAnswer;

/**
 * The full path against its baseline, printed side by side: a federated query from an officer of
 * us.ice to us.dea through both gateways (real node and gateway processes, sealed envelopes,
 * policy, database, exchange records), and the same five hops as plain mutual-TLS gRPC relays.
 *
 * <p>Run from the repository root after {@code mvn -B -DskipTests install}: {@code java -cp
 * "benchmarks/target/liaison-benchmarks.jar" org.liaison.bench.federation.FederationLoad [seconds]
 * [threads] [c1] [cold]}; the node and gateway processes run with the full JIT unless {@code c1}
 * asks for the quick-start options of tests and the demo. Each kind of call is warmed up until
 * every process's compilers are quiet (decision 0067), unless {@code cold} asks for the fixed
 * warm-up of earlier figures (500 relay calls, 300 queries, 100 checks, one at a time). The
 * gateways admit {@link #GATEWAY_RATE} envelopes per second per partner (their default, 200, would
 * cap the path this measures) and the agreement's daily quotas are raised ({@link
 * LoadFederation#loadQuotas}). {@code -Dliaison.load.database=postgresql} runs both nodes on
 * PostgreSQL (build with {@code -Ppostgresql}).
 */
public final class FederationLoad {
  /** The gateways' rate limit in this tool: far above what it measures. */
  static final String GATEWAY_RATE = "100000";

  private static final Duration WARM_UP_ROUND = Duration.ofSeconds(5);
  private static final Duration WARM_UP_LIMIT =
      Duration.ofSeconds(Long.getLong("liaison.load.warm-up-limit-s", 180));

  private FederationLoad() {}

  public static void main(String[] args) throws Exception {
    long seconds = args.length > 0 ? Long.parseLong(args[0]) : 20;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    List<String> flags = List.of(args).subList(Math.min(2, args.length), args.length);
    // "c1": the processes as tests and the demo run them (quick start, no C2), for comparison
    boolean c1Only = flags.contains("c1");
    // "cold": the fixed warm-up of the figures before decision 0067
    boolean cold = flags.contains("cold");
    boolean postgresql = "postgresql".equals(System.getProperty("liaison.load.database", "h2"));
    Path work = Files.createTempDirectory("liaison-load");
    System.out.printf(
        "work folder %s, %d s per run, %d threads, nodes on %s, warm-up %s%n",
        work,
        seconds,
        threads,
        postgresql ? "PostgreSQL 17" : "H2",
        cold ? "fixed (cold)" : "until the compilers are quiet");

    LoadRun.Result plain;
    try (PlainRelayChain chain =
        new PlainRelayChain(work.resolve("plain"), FreePorts.allocate(4))) {
      Envelope oneKiB =
          Envelope.newBuilder().setCiphertext(ByteString.copyFrom(new byte[1024])).build();
      plain =
          LoadRun.measure(
              "plain mTLS relay, 4 hops, 1 KiB",
              () -> chain.call(oneKiB),
              warmUp(cold, 500, threads),
              2000,
              threads,
              seconds,
              new ProcessCpu().add("load driver", ProcessHandle.current().pid()));
    }
    System.out.println(plain.line());
    System.out.println(plain.cpuLines());

    Federation.Builder b =
        Federation.builder()
            .agencies("us.ice", "us.dea")
            .workDir(work.resolve("federation"))
            .jvmOptions(c1Only ? Federation.JVM_OPTIONS : Federation.BENCHMARK_JVM_OPTIONS)
            .gatewayOption("liaison.gateway.rate-per-second", GATEWAY_RATE)
            .agreementEdit(LoadFederation.AGREEMENT, LoadFederation::loadQuotas)
            .healthTimeout(LoadFederation.startTimeout(180));
    if (postgresql) {
      b.postgresql("us.ice", "us.dea");
    }
    try (Federation f = b.build()) {
      f.start();
      System.out.println(LoadFederation.readyLine(f));
      ProcessCpu processes = LoadFederation.processes(f);
      OfficerQueryRequest query = ReferenceLookup.query(List.of("us.dea"), 10_000);
      try (NodeClient ice = f.node("us.ice").client()) {
        LoadRun.Result full =
            LoadRun.measure(
                "federated query us.ice -> us.dea",
                () ->
                    ReferenceLookup.expectMatches(ice.queryAll(query), 1, PartnerAnswer::getStatus),
                warmUp(cold, 300, threads),
                2000,
                threads,
                seconds,
                processes);
        OfficerCheckRequest check = ReferenceLookup.check(List.of("us.dea"), 10_000);
        LoadRun.Result targetCheck =
            LoadRun.measure(
                "private target check us.ice -> us.dea",
                () ->
                    ReferenceLookup.expectMatches(
                        ice.checkAll(check), 1, PartnerCheckAnswer::getStatus),
                warmUp(cold, 100, threads),
                1000,
                threads,
                seconds,
                processes);
        System.out.println(plain.line());
        System.out.println(full.line());
        System.out.println(targetCheck.line());
        System.out.println(full.cpuLines());
        System.out.println(targetCheck.cpuLines());
        for (LoadRun.Result r : List.of(full, targetCheck)) {
          System.out.printf(
              "%s / plain relay: p50 x%.1f, throughput x%.2f%n",
              r.name(), r.p50Ms() / plain.p50Ms(), r.callsPerSecond() / plain.callsPerSecond());
        }
      }
    }
  }

  private static WarmUp warmUp(boolean cold, int coldCalls, int threads) {
    return cold
        ? WarmUp.fixedCalls(coldCalls)
        : WarmUp.untilCompilersQuiet(threads, WARM_UP_ROUND, WARM_UP_LIMIT);
  }
}

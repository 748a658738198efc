package org.liaison.bench.federation;

import com.google.protobuf.ByteString;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.liaison.cli.NodeClient;
import org.liaison.cluster.Federation;
import org.liaison.cluster.FreePorts;
import org.liaison.wire.v1.Envelope;
import org.liaison.wire.v1.Identifier;
import org.liaison.wire.v1.IdentifierType;
import org.liaison.wire.v1.OfficerCheckRequest;
import org.liaison.wire.v1.OfficerQueryRequest;
import org.liaison.wire.v1.PartnerAnswer;
import org.liaison.wire.v1.PartnerCheckAnswer;
import org.liaison.wire.v1.QueryRequest;

/**
 * The full path against its baseline, printed side by side: a federated query from an officer of
 * us.ice to us.dea through both gateways (real node and gateway processes, sealed envelopes,
 * policy, database, exchange records), and the same five hops as plain mutual-TLS gRPC relays.
 *
 * <p>Run from the repository root after {@code mvn -B -DskipTests install}: {@code java -cp
 * "benchmarks/target/liaison-benchmarks.jar" org.liaison.bench.federation.FederationLoad [seconds]
 * [threads] [c1]}; the node and gateway processes run with the full JIT unless {@code c1} asks for
 * the quick-start options of tests and the demo. {@code -Dliaison.load.database=postgresql} runs
 * both nodes on PostgreSQL (build with {@code -Ppostgresql}).
 */
public final class FederationLoad {
  private FederationLoad() {}

  public static void main(String[] args) throws Exception {
    long seconds = args.length > 0 ? Long.parseLong(args[0]) : 20;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    // "c1": the processes as tests and the demo run them (quick start, no C2), for comparison
    boolean c1Only = args.length > 2 && args[2].equals("c1");
    boolean postgresql = "postgresql".equals(System.getProperty("liaison.load.database", "h2"));
    Path work = Files.createTempDirectory("liaison-load");
    System.out.printf(
        "work folder %s, %d s per run, %d threads, nodes on %s%n",
        work, seconds, threads, postgresql ? "PostgreSQL 17" : "H2");

    LoadRun.Result plain;
    try (PlainRelayChain chain =
        new PlainRelayChain(work.resolve("plain"), FreePorts.allocate(4))) {
      Envelope oneKiB =
          Envelope.newBuilder().setCiphertext(ByteString.copyFrom(new byte[1024])).build();
      plain =
          LoadRun.measure(
              "plain mTLS relay, 4 hops, 1 KiB",
              () -> chain.call(oneKiB),
              500,
              2000,
              threads,
              seconds);
    }
    System.out.println(plain.line());

    Federation.Builder b =
        Federation.builder()
            .agencies("us.ice", "us.dea")
            .workDir(work.resolve("federation"))
            .jvmOptions(c1Only ? Federation.JVM_OPTIONS : Federation.BENCHMARK_JVM_OPTIONS)
            // a machine busy with other builds starts the processes slowly
            .healthTimeout(Duration.ofSeconds(Long.getLong("liaison.load.start-timeout-s", 180)));
    if (postgresql) {
      b.postgresql("us.ice", "us.dea");
    }
    try (Federation f = b.build()) {
      f.start();
      System.out.printf(
          "federation of 2 agencies ready in %.1f s%n", f.startupTime().toMillis() / 1000.0);
      OfficerQueryRequest query =
          OfficerQueryRequest.newBuilder()
              .setQuery(
                  QueryRequest.newBuilder()
                      .setIdentifier(
                          Identifier.newBuilder()
                              .setType(IdentifierType.PHONE)
                              .setValue("+1 305 555 0142")))
              .setPurpose("DRUG_TRAFFICKING")
              .setCaseReference("ICE-MIA-2026-0311")
              .setOfficerId("officer-1")
              .addPartners("us.dea")
              .setDeadlineMs(10_000)
              .build();
      try (NodeClient ice = f.node("us.ice").client()) {
        LoadRun.Result full =
            LoadRun.measure(
                "federated query us.ice -> us.dea",
                () -> {
                  List<PartnerAnswer> answers = ice.queryAll(query);
                  if (answers.size() != 1
                      || answers.get(0).getStatus() != PartnerAnswer.Status.MATCH) {
                    throw new IllegalStateException("unexpected answer: " + answers);
                  }
                },
                300,
                2000,
                threads,
                seconds);
        OfficerCheckRequest check =
            OfficerCheckRequest.newBuilder()
                .setIdentifier(
                    Identifier.newBuilder()
                        .setType(IdentifierType.PHONE)
                        .setValue("+1 305 555 0142"))
                .setCaseReference("ICE-MIA-2026-0311")
                .setOfficerId("officer-1")
                .addPartners("us.dea")
                .setDeadlineMs(10_000)
                .build();
        LoadRun.Result targetCheck =
            LoadRun.measure(
                "private target check us.ice -> us.dea",
                () -> {
                  List<PartnerCheckAnswer> answers = ice.checkAll(check);
                  if (answers.size() != 1
                      || answers.get(0).getStatus() != PartnerAnswer.Status.MATCH) {
                    throw new IllegalStateException("unexpected answer: " + answers);
                  }
                },
                100,
                1000,
                threads,
                seconds);
        System.out.println(plain.line());
        System.out.println(full.line());
        System.out.println(targetCheck.line());
        for (LoadRun.Result r : List.of(full, targetCheck)) {
          System.out.printf(
              "%s / plain relay: p50 x%.1f, throughput x%.2f%n",
              r.name(), r.p50Ms() / plain.p50Ms(), r.callsPerSecond() / plain.callsPerSecond());
        }
      }
    }
  }
}

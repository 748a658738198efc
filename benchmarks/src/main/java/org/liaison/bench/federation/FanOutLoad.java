package org.liaison.bench.federation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.liaison.bench.load.LoadFederation;
import org.liaison.bench.load.ProcessCpu;
import org.liaison.bench.load.WarmUp;
import org.liaison.cli.NodeClient;
import org.liaison.cluster.Federation;
import org.liaison.wire.v1.OfficerQueryRequest;
import org.liaison.wire.v1.PartnerAnswer;

/**
 * Fan-out at federation size: one officer query from us.ice to N partners at once against the same
 * query to one partner, in one federation of real node and gateway processes (issue 9 goal 5; the
 * target is fan-out p99 at most 3x the single-partner p99). The partners are us.dea and clones of
 * it ({@link Federation.Builder#clones}): each has its own PKI, gateway, database and signed copy
 * of the DEA-ICE agreement, and holds DEA's reference records, so every partner answers MATCH.
 *
 * <p>Run from the repository root after {@code mvn -B -DskipTests package}: {@code java -cp
 * "benchmarks/target/liaison-benchmarks.jar" org.liaison.bench.federation.FanOutLoad [partners]
 * [samples] [c2]}. Defaults: 10 partners, 300 sequential samples of each; the 2N+2 processes run
 * with the quick-start options of tests and the demo (C1, 192 MB heap) unless {@code c2} asks for
 * the full JIT.
 */
public final class FanOutLoad {
  private FanOutLoad() {}

  public static void main(String[] args) throws Exception {
    int partners = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int samples = args.length > 1 ? Integer.parseInt(args[1]) : 300;
    boolean c2 = args.length > 2 && args[2].equals("c2");
    List<String> clones = new ArrayList<>();
    for (int i = 2; i <= partners; i++) {
      clones.add(String.format("us.dea-p%02d", i));
    }
    List<String> all = new ArrayList<>(List.of("us.dea"));
    all.addAll(clones);
    Path work = Files.createTempDirectory("liaison-fanout");
    System.out.printf(
        "work folder %s, %d partners, %d samples, %s%n",
        work, partners, samples, c2 ? "full JIT" : "quick-start JVMs (C1, 192 MB)");
    try (Federation f =
        Federation.builder()
            .agencies("us.ice", "us.dea")
            .clones("us.dea", clones)
            .workDir(work.resolve("federation"))
            .jvmOptions(c2 ? Federation.BENCHMARK_JVM_OPTIONS : Federation.JVM_OPTIONS)
            .healthTimeout(LoadFederation.startTimeout(600))
            .build()) {
      f.start();
      System.out.println(LoadFederation.readyLine(f));
      try (NodeClient ice = f.node("us.ice").client()) {
        LoadRun.Result one = measure(ice, List.of("us.dea"), samples);
        LoadRun.Result fan = measure(ice, all, samples);
        System.out.println(one.line());
        System.out.println(fan.line());
        System.out.printf(
            "fan-out to %d / one partner: p50 x%.2f, p99 x%.2f (target p99 <= x3)%n",
            partners, fan.p50Ms() / one.p50Ms(), fan.p99Ms() / one.p99Ms());
      }
    }
  }

  private static LoadRun.Result measure(NodeClient ice, List<String> partners, int samples)
      throws Exception {
    OfficerQueryRequest query = ReferenceLookup.query(partners, 20_000);
    return LoadRun.measure(
        String.format("query to %d partner%s", partners.size(), partners.size() == 1 ? "" : "s"),
        () ->
            ReferenceLookup.expectMatches(
                ice.queryAll(query), partners.size(), PartnerAnswer::getStatus),
        WarmUp.fixedCalls(Math.max(20, samples / 5)),
        samples,
        2,
        5,
        new ProcessCpu());
  }
}

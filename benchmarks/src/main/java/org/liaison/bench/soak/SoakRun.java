package org.liaison.bench.soak;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.liaison.bench.load.ClosedLoop;
import org.liaison.bench.load.Latencies;
import org.liaison.bench.load.LoadAverage;
import org.liaison.cli.NodeClient;
import org.liaison.cluster.Federation;
import org.liaison.cluster.FederationProcess;
import org.liaison.wire.audit.AuditBundleVerifier;
import org.liaison.wire.audit.AuditBundles;
import org.liaison.wire.v1.AuditBundle;
import org.liaison.wire.v1.AuditExportRequest;
import org.liaison.wire.v1.AuditFindings;
import org.liaison.wire.v1.AuditFindingsRequest;
import org.liaison.wire.v1.AuditGrpc;
import org.liaison.wire.v1.AuditKind;
import org.liaison.wire.v1.AuditRecord;
import org.liaison.wire.v1.AuditVerifyReport;
import org.liaison.wire.v1.AuditVerifyRequest;

/**
 * A soak against a running federation that holds us.ice and us.dea: first the mix's maximum
 * throughput (closed loop, {@code threads} callers), then the mix at a fixed rate (by default 80 %
 * of that maximum) for the duration, printing each minute the calls, errors, p50/p99 and each
 * process's heap after a full GC; at the end it compares the disclosures the officer received with
 * DEA's audit and has every node verify its own log and check its partners' histories.
 */
public final class SoakRun {
  /**
   * @param rate calls per second; 0 measures the maximum first and uses {@code fractionOfMax} of it
   */
  public record Options(
      Duration duration,
      Duration probe,
      double rate,
      double fractionOfMax,
      int threads,
      Duration reportEvery) {}

  public record Interval(
      int number, long calls, long errors, double p50Ms, double p99Ms, Map<String, Long> heapKiB) {
    String line() {
      StringBuilder heap = new StringBuilder();
      heapKiB.forEach((p, k) -> heap.append(String.format(" %s %.1f", p, k / 1024.0)));
      return String.format(
          "interval %3d: %6d calls  %4d errors  p50 %7.1f ms  p99 %7.1f ms  heap after GC (MiB):%s",
          number, calls, errors, p50Ms, p99Ms, heap);
    }
  }

  public record Result(
      double maxPerSecond,
      double ratePerSecond,
      List<Interval> intervals,
      long calls,
      long errors,
      Map<String, Long> errorsByKind,
      List<String> errorSamples,
      long disclosuresReceived,
      long auditDisclosures,
      List<String> auditProblems) {}

  private SoakRun() {}

  public static Result run(Federation f, Options o, PrintStream out) throws Exception {
    try (NodeClient ice = f.node("us.ice").client()) {
      SoakMix mix = new SoakMix(ice);
      // the first call of each kind pays class loading and TLS set-up, on every process
      for (SoakMix.Kind k : SoakMix.Kind.values()) {
        mix.call(k);
      }
      double max = 0;
      double rate = o.rate();
      if (rate <= 0) {
        max = measureMax(mix, o.threads(), o.probe());
        rate = Math.max(0.5, max * o.fractionOfMax());
        out.printf(
            "maximum of the mix: %.1f calls/s (%d callers, %d s); soak at %.1f calls/s%n",
            max, o.threads(), o.probe().toSeconds(), rate);
      }
      long auditBefore = auditDisclosures(f);
      long receivedBefore = mix.disclosuresReceived();
      Map<SoakMix.Kind, AtomicLong> errorsByKind = new EnumMap<>(SoakMix.Kind.class);
      for (SoakMix.Kind k : SoakMix.Kind.values()) {
        errorsByKind.put(k, new AtomicLong());
      }
      List<String> samples = new ArrayList<>();
      List<Interval> intervals = soak(f, mix, rate, o, errorsByKind, samples, out);
      long received = mix.disclosuresReceived() - receivedBefore;
      long audited = auditDisclosures(f) - auditBefore;
      List<String> problems = consistency(f);
      long calls = intervals.stream().mapToLong(Interval::calls).sum();
      long errors = intervals.stream().mapToLong(Interval::errors).sum();
      Map<String, Long> byKind = new LinkedHashMap<>();
      errorsByKind.forEach((k, v) -> byKind.put(k.name(), v.get()));
      out.printf(
          "soak done: %d calls, %d errors %s; disclosures received by us.ice %d, in us.dea's"
              + " audit %d; audit and partner checks: %s%n",
          calls, errors, byKind, received, audited, problems.isEmpty() ? "pass" : problems);
      return new Result(
          max, rate, intervals, calls, errors, byKind, samples, received, audited, problems);
    }
  }

  private static double measureMax(SoakMix mix, int threads, Duration probe) throws Exception {
    // errors while probing the maximum are not counted as throughput
    return ClosedLoop.run(threads, probe, () -> mix.call(SoakMix.pick())).callsPerSecond();
  }

  private static List<Interval> soak(
      Federation f,
      SoakMix mix,
      double rate,
      Options o,
      Map<SoakMix.Kind, AtomicLong> errorsByKind,
      List<String> samples,
      PrintStream out)
      throws Exception {
    ExecutorService callers = Executors.newFixedThreadPool(o.threads());
    // no more calls outstanding than callers: a slow federation slows the soak, it does not queue
    Semaphore slots = new Semaphore(o.threads());
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    Map<Integer, List<Long>> latencies = new ConcurrentHashMap<>();
    Map<Integer, AtomicLong> errors = new ConcurrentHashMap<>();
    long start = System.nanoTime();
    long every = o.reportEvery().toNanos();
    long periodNanos = (long) (1e9 / rate);
    AtomicLong skipped = new AtomicLong();
    ticker.scheduleAtFixedRate(
        () -> {
          if (!slots.tryAcquire()) {
            skipped.incrementAndGet();
            return;
          }
          callers.submit(
              () -> {
                SoakMix.Kind kind = SoakMix.pick();
                long t = System.nanoTime();
                int interval = (int) ((t - start) / every);
                try {
                  mix.call(kind);
                  latencies
                      .computeIfAbsent(
                          interval, k -> java.util.Collections.synchronizedList(new ArrayList<>()))
                      .add(System.nanoTime() - t);
                } catch (Exception e) {
                  errors.computeIfAbsent(interval, k -> new AtomicLong()).incrementAndGet();
                  errorsByKind.get(kind).incrementAndGet();
                  synchronized (samples) {
                    if (samples.size() < 20) {
                      samples.add(kind + ": " + e);
                    }
                  }
                } finally {
                  slots.release();
                }
              });
        },
        0,
        periodNanos,
        TimeUnit.NANOSECONDS);
    List<Interval> intervals = new ArrayList<>();
    int count = (int) Math.max(1, o.duration().toNanos() / every);
    try {
      for (int i = 0; i < count; i++) {
        long due = start + (i + 1) * every;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        if (i == count - 1) {
          ticker.shutdown();
          callers.shutdown();
          callers.awaitTermination(60, TimeUnit.SECONDS);
        }
        Interval r = interval(i, latencies, errors, heap(f));
        intervals.add(r);
        out.println(r.line() + "   (" + LoadAverage.averages() + ")");
      }
    } finally {
      ticker.shutdownNow();
      callers.shutdownNow();
    }
    if (skipped.get() > 0) {
      out.printf(
          "%d scheduled calls skipped: all %d callers were busy (the rate was above what the"
              + " federation answered)%n",
          skipped.get(), o.threads());
    }
    return intervals;
  }

  private static Interval interval(
      int i,
      Map<Integer, List<Long>> latencies,
      Map<Integer, AtomicLong> errors,
      Map<String, Long> heap) {
    List<Long> l = latencies.getOrDefault(i, List.of());
    long[] nanos;
    synchronized (l) {
      nanos = l.stream().mapToLong(Long::longValue).toArray();
    }
    Latencies interval = Latencies.of(nanos);
    long errs = errors.getOrDefault(i, new AtomicLong()).get();
    // calls are counted in the interval they started in
    return new Interval(i + 1, nanos.length + errs, errs, interval.p50Ms(), interval.p99Ms(), heap);
  }

  private static Map<String, Long> heap(Federation f) {
    Map<String, Long> heap = new LinkedHashMap<>();
    for (String agency : f.agencies()) {
      for (FederationProcess p : List.of(f.node(agency), f.gateway(agency))) {
        String name = agency + (p == f.node(agency) ? "/node" : "/gateway");
        heap.put(name, HeapAfterGc.kib(p.pid()));
      }
    }
    return heap;
  }

  private static long auditDisclosures(Federation f) {
    try (NodeClient dea = f.node("us.dea").client()) {
      AuditBundle log =
          AuditBundles.join(
              AuditGrpc.newBlockingStub(dea.channel())
                  .withDeadlineAfter(120, TimeUnit.SECONDS)
                  .export(AuditExportRequest.getDefaultInstance()));
      return log.getRecordsList().stream()
          .map(AuditRecord::getDecoded)
          .filter(e -> e.getKind() == AuditKind.DISCLOSURE)
          .filter(e -> e.getRequestingAgency().equals("us.ice"))
          .filter(e -> e.getPurpose().equals(SoakMix.PURPOSE))
          .filter(e -> e.getOutcome().equals("MATCH"))
          .count();
    }
  }

  /** Every node verifies its own log and asks its partners for consistency proofs now. */
  private static List<String> consistency(Federation f) {
    List<String> problems = new ArrayList<>();
    for (String agency : f.agencies()) {
      try (NodeClient c = f.node(agency).client()) {
        var audit = AuditGrpc.newBlockingStub(c.channel()).withDeadlineAfter(120, TimeUnit.SECONDS);
        AuditVerifyReport own = audit.verify(AuditVerifyRequest.getDefaultInstance());
        if (!own.getOk()) {
          problems.add(agency + " own log: " + own.getProblemsList());
        }
        AuditBundle bundle =
            AuditBundles.join(audit.export(AuditExportRequest.getDefaultInstance()));
        List<String> offline = AuditBundleVerifier.verify(bundle).problems();
        if (!offline.isEmpty()) {
          problems.add(agency + " exported log: " + offline);
        }
        AuditFindings findings =
            audit.findings(AuditFindingsRequest.newBuilder().setCheckPartnersNow(true).build());
        if (findings.getFindingsCount() > 0) {
          problems.add(agency + " partner findings: " + findings.getFindingsList());
        }
      }
    }
    return problems;
  }
}

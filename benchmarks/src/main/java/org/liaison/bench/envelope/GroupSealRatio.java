package org.liaison.bench.envelope;

import com.google.protobuf.ByteString;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.liaison.wire.envelope.EnvelopeSealer;
import org.liaison.wire.envelope.EnvelopeVerifier;
import org.liaison.wire.envelope.GroupSealer;
import org.liaison.wire.envelope.SealRequest;
import org.liaison.wire.v1.Envelope;

/**
 * Envelopes sealed by concurrent callers one signature each (a batch of one, as the node did) next
 * to {@link GroupSealer} (decision 0064): for 1, 2, 4 and 8 threads, the callers' CPU per envelope,
 * the signatures per envelope, and a gateway's CPU per envelope to verify them all. Thread CPU
 * time, so the figures hold on a shared machine; wall clock is printed for reference only.
 *
 * <p>{@code java -cp benchmarks/target/liaison-benchmarks.jar
 * org.liaison.bench.envelope.GroupSealRatio [envelopes per thread]}
 */
public final class GroupSealRatio {

  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  private interface Seal {
    Envelope seal(SealRequest request, byte[] payload) throws Exception;
  }

  public static void main(String[] args) throws Exception {
    int each = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
    Parties p = Parties.create();
    byte[] payload = new byte[1024];
    SealRequest request =
        SealRequest.request(
            Parties.RECIPIENT,
            "node-1",
            "bench-agreement",
            "BENCHMARK",
            "BENCH-1",
            "officer-1",
            "liaison.v1.QueryRequest",
            Duration.ofMinutes(5));
    System.out.println(
        "threads  kind          CPU us/envelope  signatures/envelope  verify CPU us/envelope  wall s");
    for (int round = 0; round < 2; round++) { // the first round warms up
      for (int threads : new int[] {1, 2, 4, 8}) {
        EnvelopeSealer single = new EnvelopeSealer(p.sender, p.directory, Clock.systemUTC());
        report(
            round,
            threads,
            "one each",
            run(
                threads,
                each,
                (r, b) -> single.sealBatch(List.of(new EnvelopeSealer.Outgoing(r, b))).get(0),
                request,
                payload),
            p);
        GroupSealer group =
            new GroupSealer(new EnvelopeSealer(p.sender, p.directory, Clock.systemUTC()), 64);
        report(round, threads, "group", run(threads, each, group::seal, request, payload), p);
      }
    }
  }

  private record Run(List<Envelope> sealed, long cpuNanos, long wallNanos) {}

  private static Run run(int threads, int each, Seal seal, SealRequest request, byte[] payload)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<long[]>> cpu = new ArrayList<>();
      List<List<Envelope>> out = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        List<Envelope> mine = new ArrayList<>(each);
        out.add(mine);
        cpu.add(
            pool.submit(
                () -> {
                  start.await();
                  long c0 = CPU.getCurrentThreadCpuTime();
                  for (int i = 0; i < each; i++) {
                    mine.add(seal.seal(request, payload));
                  }
                  return new long[] {CPU.getCurrentThreadCpuTime() - c0};
                }));
      }
      long w0 = System.nanoTime();
      start.countDown();
      long total = 0;
      for (Future<long[]> f : cpu) {
        total += f.get()[0];
      }
      long wall = System.nanoTime() - w0;
      List<Envelope> all = new ArrayList<>();
      out.forEach(all::addAll);
      return new Run(all, total, wall);
    } finally {
      pool.shutdown();
    }
  }

  private static void report(int round, int threads, String kind, Run r, Parties p)
      throws Exception {
    Set<ByteString> signatures = new HashSet<>();
    for (Envelope e : r.sealed()) {
      signatures.add(e.getSignature().getBatch().getRootSignature());
    }
    EnvelopeVerifier gateway =
        EnvelopeVerifier.builder(p.directory).recipientAgency(Parties.RECIPIENT).build();
    long c0 = CPU.getCurrentThreadCpuTime();
    for (Envelope e : r.sealed()) {
      gateway.verify(e);
    }
    long verify = CPU.getCurrentThreadCpuTime() - c0;
    if (round == 0) {
      return;
    }
    int n = r.sealed().size();
    System.out.printf(
        "%7d  %-12s  %15.0f  %19.3f  %22.0f  %6.1f%n",
        threads,
        kind,
        r.cpuNanos() / 1e3 / n,
        signatures.size() / (double) n,
        verify / 1e3 / n,
        r.wallNanos() / 1e9);
  }
}

package org.liaison.bench.deconfliction;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import org.liaison.wire.geo.EventExtent;
import org.liaison.wire.geo.EventToken;
import org.liaison.wire.geo.EventTokens;
import org.liaison.wire.oprf.BlindedInput;
import org.liaison.wire.oprf.OprfClient;
import org.liaison.wire.oprf.OprfKeyPair;
import org.liaison.wire.oprf.OprfMode;
import org.liaison.wire.oprf.OprfServer;
import org.liaison.wire.oprf.PrfFilter;
import org.liaison.wire.oprf.PrfFilterBuilder;
import org.liaison.wire.oprf.PrfInputs;
import org.liaison.wire.oprf.VerifiableEvaluation;
import org.liaison.wire.v1.IdentifierType;

/**
 * Private de-confliction, measured in one process with the real crypto of the node's protocol (RFC
 * 9497 VOPRF P256-SHA256, one proof per batch; Bloom filter at 1e-6):
 *
 * <ul>
 *   <li>target check = client blind -> holder blind-evaluate (+ DLEQ proof) -> client finalize (+
 *       proof check) -> local filter test -> on a hit, the holder's claim lookup (PRF value to
 *       case). Not included: envelope sealing, TLS, gateways, database (see FederationLoad for the
 *       wire);
 *   <li>event check = the same for every token of an operation (500 m x 30 min cells), then the
 *       holder's exact geodesic/time confirmation of the operations behind the hits.
 * </ul>
 *
 * <p>The holder's filter holds {@code targets} entries. {@code realTargets} of them are real PRF
 * values of real identifiers (the ones probed for hits); the rest are random 32-byte values, which
 * a Bloom filter cannot tell from PRF outputs. The cost of evaluating all of them for real is
 * reported from the measured per-element cost. Usage: {@code DeconflictionBench [targets=1000000]
 * [operations=100000] [checks=2000] [threads=1]}.
 */
public final class DeconflictionBench {
  private static final OprfMode MODE = OprfMode.VOPRF;

  public static void main(String[] args) throws Exception {
    int targets = arg(args, 0, 1_000_000);
    int operations = arg(args, 1, 100_000);
    int checks = arg(args, 2, 2_000);
    int threads = arg(args, 3, 1);
    byte[] seed = new byte[32];
    new Random(7).nextBytes(seed);
    OprfKeyPair key = OprfKeyPair.derive(MODE, seed, "liaison-deconfliction/us.ice/2920");
    OprfServer server = new OprfServer(key, MODE);
    System.out.printf(
        "Private de-confliction benchmark (VOPRF P256-SHA256, in-process, %d thread(s), %s)%n",
        threads, Runtime.getRuntime().availableProcessors() + " CPUs");
    targets(server, targets, checks, threads);
    events(server, operations, Math.max(50, checks / 20));
  }

  // ---------------------------------------------------------------- targets

  static void targets(OprfServer server, int targets, int checks, int threads) throws Exception {
    int real = Math.min(targets, 5_000);
    List<byte[]> realInputs = new ArrayList<>(real);
    Map<Key, String> claimIndex = new HashMap<>();
    PrfFilterBuilder builder = new PrfFilterBuilder(targets);
    long t0 = System.nanoTime();
    for (int i = 0; i < real; i++) {
      byte[] input = PrfInputs.identifier(IdentifierType.PHONE, String.format("+1305%07d", i));
      byte[] prf = server.evaluate(input);
      realInputs.add(input);
      builder.add(prf);
      claimIndex.put(new Key(prf), "CASE-" + (i % 997));
    }
    double evalUs = (System.nanoTime() - t0) / 1e3 / real;
    SplittableRandom rnd = new SplittableRandom(1);
    byte[] fake = new byte[32];
    long t1 = System.nanoTime();
    for (int i = real; i < targets; i++) {
      fill(rnd, fake);
      builder.add(fake);
    }
    builder.commit();
    PrfFilter published = builder.published();
    byte[] wire = published.toBytes();
    PrfFilter filter = PrfFilter.fromBytes(wire);
    double insertMs = (System.nanoTime() - t1) / 1e6;
    System.out.printf(
        "%nTarget filter: %,d active targets, %,d bytes (%.1f bits/target), estimated FP rate"
            + " %.2e%n",
        targets, wire.length, wire.length * 8.0 / targets, filter.estimatedFalsePositiveRate());
    System.out.printf(
        "  holder build: PRF evaluation %.0f us/target (measured on %,d) -> %.1f s for %,d targets"
            + " per partner per epoch; filter insert+serialise %.0f ms%n",
        evalUs, real, evalUs * targets / 1e6, targets, insertMs);

    // warm-up
    runTargetChecks(server, filter, claimIndex, realInputs, 200);
    long[] lat = new long[checks];
    int[] hits = new int[1];
    long start = System.nanoTime();
    Thread[] ts = new Thread[threads];
    for (int t = 0; t < threads; t++) {
      int from = t * checks / threads;
      int to = (t + 1) * checks / threads;
      ts[t] =
          new Thread(
              () -> {
                OprfClient client = new OprfClient(MODE);
                SplittableRandom r = new SplittableRandom(from);
                for (int i = from; i < to; i++) {
                  long s = System.nanoTime();
                  boolean hit =
                      targetCheck(
                          client,
                          server,
                          filter,
                          claimIndex,
                          i % 2 == 0
                              ? realInputs.get(r.nextInt(realInputs.size()))
                              : PrfInputs.identifier(
                                  IdentifierType.PHONE, String.format("+1202%07d", i)));
                  lat[i] = System.nanoTime() - s;
                  if (hit) {
                    synchronized (hits) {
                      hits[0]++;
                    }
                  }
                }
              });
      ts[t].start();
    }
    for (Thread t : ts) {
      t.join();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Arrays.sort(lat);
    System.out.printf(
        "Target checks (one identifier each, half of them held): %,d in %.2f s = %.0f checks/s;"
            + " latency p50 %.2f ms, p99 %.2f ms; %d conflicts confirmed%n",
        checks,
        seconds,
        checks / seconds,
        lat[checks / 2] / 1e6,
        lat[(int) (checks * 0.99)] / 1e6,
        hits[0]);

    // a case with 10 identifiers, in one batch
    OprfClient client = new OprfClient(MODE);
    int cases = Math.max(20, checks / 20);
    long[] caseLat = new long[cases];
    for (int c = 0; c < cases; c++) {
      List<byte[]> inputs = new ArrayList<>();
      for (int j = 0; j < 10; j++) {
        inputs.add(
            PrfInputs.identifier(IdentifierType.PHONE, String.format("+1786%07d", c * 10 + j)));
      }
      long s = System.nanoTime();
      batchCheck(client, server, filter, claimIndex, inputs);
      caseLat[c] = System.nanoTime() - s;
    }
    Arrays.sort(caseLat);
    System.out.printf(
        "Case checks (10 identifiers in one batch): p50 %.2f ms, p99 %.2f ms (%.2f ms per"
            + " identifier)%n",
        caseLat[cases / 2] / 1e6, caseLat[(int) (cases * 0.99)] / 1e6, caseLat[cases / 2] / 1e7);
  }

  private static void runTargetChecks(
      OprfServer server, PrfFilter filter, Map<Key, String> index, List<byte[]> real, int n) {
    OprfClient client = new OprfClient(MODE);
    for (int i = 0; i < n; i++) {
      targetCheck(client, server, filter, index, real.get(i % real.size()));
    }
  }

  static boolean targetCheck(
      OprfClient client,
      OprfServer server,
      PrfFilter filter,
      Map<Key, String> index,
      byte[] input) {
    return batchCheck(client, server, filter, index, List.of(input)) > 0;
  }

  /** The whole protocol for one batch; returns the number of confirmed conflicts. */
  static int batchCheck(
      OprfClient client,
      OprfServer server,
      PrfFilter filter,
      Map<Key, String> index,
      List<byte[]> inputs) {
    List<BlindedInput> blinded = new ArrayList<>(inputs.size());
    List<byte[]> elements = new ArrayList<>(inputs.size());
    for (byte[] in : inputs) {
      BlindedInput b = client.blind(in);
      blinded.add(b);
      elements.add(b.blindedElement());
    }
    VerifiableEvaluation ev = server.blindEvaluateVerifiable(elements);
    List<byte[]> outs = client.finalizeVerifiable(blinded, ev, server.publicKey());
    int confirmed = 0;
    for (byte[] out : outs) {
      if (filter.mightContain(out) && index.containsKey(new Key(out))) {
        confirmed++;
      }
    }
    return confirmed;
  }

  // ---------------------------------------------------------------- events

  static void events(OprfServer server, int operations, int checks) {
    EventTokens grid = EventTokens.standard();
    Instant day = Instant.parse("2026-12-03T11:00:00Z");
    SplittableRandom rnd = new SplittableRandom(3);
    // operations spread over a 100 km square around Miami and 30 days; those near the probes are
    // real
    List<EventExtent> ops = new ArrayList<>(operations);
    long tokenCount = 0;
    for (int i = 0; i < operations; i++) {
      Instant start = day.plus(Duration.ofMinutes(rnd.nextInt(30 * 24 * 60)));
      EventExtent op =
          new EventExtent(
              25.3 + rnd.nextDouble() * 0.9,
              -80.7 + rnd.nextDouble() * 1.0,
              50 + rnd.nextInt(450),
              start,
              start.plus(Duration.ofMinutes(60 + rnd.nextInt(240))));
      ops.add(op);
    }
    // token counts for sizing, from a sample
    long sampleTokens = 0;
    int sample = Math.min(2_000, operations);
    for (int i = 0; i < sample; i++) {
      sampleTokens += grid.tokens(ops.get(i)).size();
    }
    tokenCount = sampleTokens * operations / sample;
    PrfFilterBuilder builder = new PrfFilterBuilder(tokenCount);
    Map<Key, List<Integer>> tokenIndex = new HashMap<>();
    int realOps = Math.min(operations, 300);
    long t0 = System.nanoTime();
    long realTokens = 0;
    List<EventExtent> near = new ArrayList<>();
    for (int i = 0; i < realOps; i++) {
      // real operations concentrated in downtown Miami on the first morning, where the probes go
      EventExtent op =
          new EventExtent(
              25.76 + rnd.nextDouble() * 0.02,
              -80.20 + rnd.nextDouble() * 0.02,
              50 + rnd.nextInt(200),
              day.plus(Duration.ofMinutes(rnd.nextInt(600))),
              day.plus(Duration.ofMinutes(600 + rnd.nextInt(120))));
      ops.set(i, op);
      near.add(op);
      for (EventToken t : grid.tokens(op)) {
        byte[] prf = server.evaluate(PrfInputs.eventToken(t));
        builder.add(prf);
        tokenIndex.computeIfAbsent(new Key(prf), k -> new ArrayList<>()).add(i);
        realTokens++;
      }
    }
    double evalUs = (System.nanoTime() - t0) / 1e3 / realTokens;
    byte[] fake = new byte[32];
    for (long i = realTokens; i < tokenCount; i++) {
      fill(rnd, fake);
      builder.add(fake);
    }
    builder.commit();
    PrfFilter filter = PrfFilter.fromBytes(builder.published().toBytes());
    System.out.printf(
        "%nEvent filter: %,d planned operations -> about %,d tokens (%.0f per operation), %,d"
            + " bytes%n",
        operations, tokenCount, tokenCount / (double) operations, filter.serializedSize());
    System.out.printf(
        "  holder build: %.0f us/token (measured on %,d) -> %.0f s for all tokens per partner per"
            + " epoch%n",
        evalUs, realTokens, evalUs * tokenCount / 1e6);

    OprfClient client = new OprfClient(MODE);
    long[] lat = new long[checks];
    long elements = 0;
    int conflicts = 0;
    long start = System.nanoTime();
    for (int c = 0; c < checks; c++) {
      EventExtent probe =
          c % 2 == 0
              ? new EventExtent(
                  25.77 + rnd.nextDouble() * 0.005,
                  -80.19 + rnd.nextDouble() * 0.005,
                  100,
                  day.plus(Duration.ofMinutes(90)),
                  day.plus(Duration.ofMinutes(300)))
              : new EventExtent(
                  25.40,
                  -80.60,
                  100,
                  day.plus(Duration.ofDays(40)),
                  day.plus(Duration.ofDays(40)).plus(Duration.ofHours(3)));
      long s = System.nanoTime();
      Set<EventToken> tokens = grid.tokens(probe);
      List<byte[]> inputs = new ArrayList<>(tokens.size());
      tokens.forEach(t -> inputs.add(PrfInputs.eventToken(t)));
      elements += inputs.size();
      List<BlindedInput> blinded = new ArrayList<>();
      List<byte[]> els = new ArrayList<>();
      for (byte[] in : inputs) {
        BlindedInput b = client.blind(in);
        blinded.add(b);
        els.add(b.blindedElement());
      }
      List<byte[]> outs =
          client.finalizeVerifiable(
              blinded, server.blindEvaluateVerifiable(els), server.publicKey());
      java.util.Set<Integer> candidates = new java.util.HashSet<>();
      for (byte[] out : outs) {
        if (filter.mightContain(out)) {
          List<Integer> found = tokenIndex.get(new Key(out));
          if (found != null) {
            candidates.addAll(found);
          }
        }
      }
      for (int i : candidates) {
        if (grid.conflicts(ops.get(i), probe)) {
          conflicts++;
        }
      }
      lat[c] = System.nanoTime() - s;
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Arrays.sort(lat);
    System.out.printf(
        "Event checks (radius 100 m, 3.5 h; half in a busy area): %,d in %.2f s = %.1f checks/s;"
            + " %.0f tokens per check; latency p50 %.1f ms, p99 %.1f ms; %d conflicts confirmed"
            + " exactly%n",
        checks,
        seconds,
        checks / seconds,
        elements / (double) checks,
        lat[checks / 2] / 1e6,
        lat[(int) (checks * 0.99)] / 1e6,
        conflicts);
  }

  // ---------------------------------------------------------------- helpers

  private static void fill(SplittableRandom r, byte[] b) {
    ByteBuffer bb = ByteBuffer.wrap(b);
    for (int i = 0; i < 4; i++) {
      bb.putLong(r.nextLong());
    }
  }

  private static int arg(String[] args, int i, int def) {
    return args.length > i ? Integer.parseInt(args[i].replace("_", "")) : def;
  }

  /** A PRF value as a map key. */
  record Key(byte[] v) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && Arrays.equals(v, k.v);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(v);
    }
  }
}

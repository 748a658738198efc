package org.liaison.wire.oprf;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * Rough single-thread costs of the de-confliction primitives (not a benchmark harness), in thread
 * CPU time so that a busy shared machine does not inflate them: {@code java -cp
 * proto/target/classes:<bcprov> org.liaison.wire.oprf.OprfThroughput [mode [batch]]}: a target
 * check evaluates a batch of one element (its one identifier), a partner's filter refresh large
 * ones.
 */
public final class OprfThroughput {
  private OprfThroughput() {}

  private static long cpuNanos() {
    return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
  }

  public static void main(String[] args) {
    OprfMode mode = args.length > 0 ? OprfMode.valueOf(args[0]) : OprfMode.VOPRF;
    int size = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    byte[] seed = new byte[32];
    new SecureRandom().nextBytes(seed);
    OprfServer server = new OprfServer(OprfKeyPair.derive(mode, seed, "throughput"), mode);
    OprfClient client = new OprfClient(mode);
    int n = 2_000;
    for (int round = 0; round < 2; round++) { // first round warms the JIT
      List<BlindedInput> blinded = new ArrayList<>(n);
      long t0 = cpuNanos();
      for (int i = 0; i < n; i++) {
        blinded.add(client.blind(("+1305555" + i).getBytes(StandardCharsets.US_ASCII)));
      }
      long t1 = cpuNanos();
      List<byte[]> evaluated = new ArrayList<>(n);
      List<byte[]> proofs = new ArrayList<>();
      for (int from = 0; from < n; from += size) {
        List<byte[]> batch =
            blinded.subList(from, from + size).stream().map(BlindedInput::blindedElement).toList();
        if (mode == OprfMode.VOPRF) {
          VerifiableEvaluation e = server.blindEvaluateVerifiable(batch);
          evaluated.addAll(e.evaluatedElements());
          proofs.add(e.proof());
        } else {
          evaluated.addAll(server.blindEvaluate(batch));
        }
      }
      long t2 = cpuNanos();
      for (int from = 0; from < n; from += size) {
        if (mode == OprfMode.VOPRF) {
          client.finalizeVerifiable(
              blinded.subList(from, from + size),
              new VerifiableEvaluation(
                  evaluated.subList(from, from + size), proofs.get(from / size)),
              server.publicKey());
        } else {
          for (int i = from; i < from + size; i++) {
            client.finalize(blinded.get(i), evaluated.get(i));
          }
        }
      }
      long t3 = cpuNanos();
      for (int i = 0; i < n; i++) {
        server.evaluate(("+1786555" + i).getBytes(StandardCharsets.US_ASCII));
      }
      long t4 = cpuNanos();
      if (round == 1) {
        System.out.printf("mode %s, %d elements, batches of %d%n", mode, n, size);
        System.out.printf("client blind            %8.1f us/element%n", (t1 - t0) / 1e3 / n);
        System.out.printf("server blindEvaluate    %8.1f us/element%n", (t2 - t1) / 1e3 / n);
        System.out.printf("client finalize         %8.1f us/element%n", (t3 - t2) / 1e3 / n);
        System.out.printf(
            "client blind+finalize   %8.1f us/element%n", (t1 - t0 + t3 - t2) / 1e3 / n);
        System.out.printf("server direct evaluate  %8.1f us/element%n", (t4 - t3) / 1e3 / n);
      }
    }
    filter(1_000_000);
  }

  private static void filter(int entries) {
    SecureRandom random = new SecureRandom();
    byte[][] values = new byte[entries][32];
    for (byte[] v : values) {
      random.nextBytes(v);
    }
    long t0 = cpuNanos();
    PrfFilterBuilder builder = new PrfFilterBuilder(entries);
    for (byte[] v : values) {
      builder.add(v);
    }
    builder.commit();
    PrfFilter filter = builder.published();
    byte[] wire = filter.toBytes();
    long t1 = cpuNanos();
    int lookups = 5_000_000;
    int hits = 0;
    byte[] probe = new byte[32];
    long t2 = cpuNanos();
    for (int i = 0; i < lookups; i++) {
      if (i % 2 == 0) {
        hits += filter.mightContain(values[i % entries]) ? 1 : 0;
      } else {
        random.nextBytes(probe);
        hits += filter.mightContain(probe) ? 1 : 0;
      }
    }
    long t3 = cpuNanos();
    System.out.printf(
        "filter: %,d entries, rate %.0e, %d hashes, %,d bytes serialised (%.2f bits/entry)%n",
        entries,
        PrfFilterBuilder.DEFAULT_FALSE_POSITIVE_RATE,
        filter.hashCount(),
        wire.length,
        wire.length * 8.0 / entries);
    System.out.printf("filter build + serialise %,d ms%n", (t1 - t0) / 1_000_000);
    System.out.printf(
        "filter lookups (half members, half random) %,.0f /s (hits %d)%n",
        lookups / ((t3 - t2) / 1e9), hits);
  }
}

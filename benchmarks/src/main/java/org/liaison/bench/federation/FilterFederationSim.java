package org.liaison.bench.federation;

import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.liaison.wire.oprf.PrfFilter;
import org.liaison.wire.oprf.PrfFilterBuilder;
import org.liaison.wire.oprf.PrfFilterDelta;

/**
 * An in-process federation of {@code agencies} agencies for private target matching: each one
 * publishes a filter of its active targets to every partner (capacity twice its targets, as a node
 * sizes {@code HeldFilter}s), and one node holds the filters of all its partners. Prints the heap a
 * node spends per held partner filter and in all, and the bytes per day it fetches to keep them
 * current when each partner changes {@code churn} of its targets a day and the node refreshes every
 * {@code refreshMinutes} (deltas since the held generation, as {@code PartnerFilters} asks). PRF
 * outputs are pseudorandom, so random 32-byte values stand for them.
 *
 * <p>{@code java -Xmx4g -cp benchmarks/target/liaison-benchmarks.jar
 * org.liaison.bench.federation.FilterFederationSim [agencies=100] [targets=10000] [churn=0.02]
 * [refreshMinutes=5]}
 */
public final class FilterFederationSim {
  private static final int PRF_BYTES = 32;
  // one FilterRequest and one FilterAnswer envelope: header, signature, certificate, HPKE enc
  private static final int ENVELOPE_OVERHEAD_BYTES = 2 * 1_400;

  private FilterFederationSim() {}

  public static void main(String[] args) {
    int agencies = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    int targets = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    double churn = args.length > 2 ? Double.parseDouble(args[2]) : 0.02;
    int refreshMinutes = args.length > 3 ? Integer.parseInt(args[3]) : 5;
    int partners = agencies - 1;
    SecureRandom random = new SecureRandom();

    System.out.printf(
        "%d agencies, %d active targets each, %.1f%% of them change a day, refresh every %d min%n",
        agencies, targets, churn * 100, refreshMinutes);

    long heapBefore = usedHeap();
    List<PrfFilter> held = new ArrayList<>(partners);
    long serialized = 0;
    for (int p = 0; p < partners; p++) {
      PrfFilterBuilder b = new PrfFilterBuilder(Math.max(1024, 2L * targets));
      for (int i = 0; i < targets; i++) {
        b.add(prf(random));
      }
      b.commit();
      // what the holder keeps is the parsed full filter it fetched
      PrfFilter f = PrfFilter.fromBytes(b.published().toBytes());
      serialized += f.serializedSize();
      held.add(f);
    }
    long heapAfter = usedHeap();
    System.out.printf(
        "held partner filters: %d, %.1f KiB on the wire each, %.1f KiB of heap each,"
            + " %.1f MiB of heap in all%n",
        held.size(),
        serialized / 1024.0 / partners,
        (heapAfter - heapBefore) / 1024.0 / partners,
        (heapAfter - heapBefore) / 1024.0 / 1024.0);

    // one partner's day, replayed refresh by refresh: adds and removes in equal numbers
    PrfFilterBuilder partner = new PrfFilterBuilder(Math.max(1024, 2L * targets));
    Deque<byte[]> live = new ArrayDeque<>();
    for (int i = 0; i < targets; i++) {
      byte[] v = prf(random);
      partner.add(v);
      live.add(v);
    }
    partner.commit();
    PrfFilter mine = PrfFilter.fromBytes(partner.published().toBytes());
    int refreshes = 24 * 60 / refreshMinutes;
    long changesPerDay = Math.round(targets * churn);
    long deltaBytes = 0;
    long nonEmpty = 0;
    for (int r = 0; r < refreshes; r++) {
      long changes = changesPerDay * (r + 1) / refreshes - changesPerDay * r / refreshes;
      for (long c = 0; c < changes; c++) {
        if (c % 2 == 0) {
          byte[] v = prf(random);
          partner.add(v);
          live.add(v);
        } else {
          partner.remove(live.removeFirst());
        }
      }
      PrfFilterDelta d = partner.commit();
      if (!d.isEmpty()) {
        deltaBytes += d.toBytes().length;
        mine = mine.apply(PrfFilterDelta.fromBytes(d.toBytes()));
        nonEmpty++;
      }
    }
    if (mine.generation() != partner.published().generation()) {
      throw new IllegalStateException("the replayed deltas did not reach the partner's generation");
    }
    long perPartner = deltaBytes + (long) refreshes * ENVELOPE_OVERHEAD_BYTES;
    System.out.printf(
        "refresh per partner and day: %d refreshes (%d with changes), %.1f KiB of deltas,"
            + " %.1f KiB with envelopes; a whole filter is %.1f KiB%n",
        refreshes,
        nonEmpty,
        deltaBytes / 1024.0,
        perPartner / 1024.0,
        mine.serializedSize() / 1024.0);
    System.out.printf(
        "refresh of all %d partners: %.1f MiB a day (%.1f MiB of it deltas)%n",
        partners, perPartner * partners / 1024.0 / 1024.0, deltaBytes * partners / 1024.0 / 1024.0);
  }

  private static byte[] prf(SecureRandom random) {
    byte[] v = new byte[PRF_BYTES];
    random.nextBytes(v);
    return v;
  }

  private static long usedHeap() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }
}

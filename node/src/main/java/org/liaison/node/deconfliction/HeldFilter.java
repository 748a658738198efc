package org.liaison.node.deconfliction;

import com.google.protobuf.ByteString;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.liaison.wire.oprf.OprfServer;
import org.liaison.wire.oprf.PrfFilterBuilder;
import org.liaison.wire.oprf.PrfFilterDelta;
import org.liaison.wire.v1.FilterAnswer;
import org.liaison.wire.v1.MatchKind;

/**
 * What this node publishes to one partner for one kind of match in one key epoch: a counting Bloom
 * filter of the PRF values (under its key for that partner) of its current inputs, the recent
 * deltas, and the map from PRF value back to its own targets for confirming claims. Thread-safe
 * (one lock).
 */
final class HeldFilter {
  static final int MAX_DELTAS = 256;
  static final long MIN_CAPACITY = 1024;

  final MatchKind kind;
  final long epoch;
  final String filterId = UUID.randomUUID().toString();
  final long capacity;
  private final int partBytes;
  private final OprfServer server;
  private final PrfFilterBuilder builder;
  private final Map<ByteString, ByteString> prfByInput = new HashMap<>();
  private final Map<ByteString, ByteString> inputByPrf = new HashMap<>();
  private Map<ByteString, Set<String>> refsByInput = Map.of();
  private final Deque<PrfFilterDelta> deltas = new ArrayDeque<>();
  private long syncedChange = -1;
  private byte[] snapshot;
  private long snapshotGeneration = -1;

  HeldFilter(MatchKind kind, long epoch, OprfServer server, long expectedEntries, int partBytes) {
    if (partBytes < 1024) {
      throw new IllegalArgumentException("a filter part must hold at least 1 KiB");
    }
    this.kind = kind;
    this.epoch = epoch;
    this.server = server;
    this.partBytes = partBytes;
    this.capacity = Math.max(MIN_CAPACITY, 2 * expectedEntries);
    this.builder = new PrfFilterBuilder(capacity);
  }

  /** Brings the filter to the current inputs; returns false if it has outgrown its capacity. */
  synchronized boolean sync(Map<ByteString, Set<String>> current, long change) {
    if (current.size() > capacity) {
      return false;
    }
    for (Iterator<Map.Entry<ByteString, ByteString>> it = prfByInput.entrySet().iterator();
        it.hasNext(); ) {
      Map.Entry<ByteString, ByteString> e = it.next();
      if (!current.containsKey(e.getKey())) {
        builder.remove(e.getValue().toByteArray());
        inputByPrf.remove(e.getValue());
        it.remove();
      }
    }
    for (ByteString input : current.keySet()) {
      if (!prfByInput.containsKey(input)) {
        ByteString prf = ByteString.copyFrom(server.evaluate(input.toByteArray()));
        builder.add(prf.toByteArray());
        prfByInput.put(input, prf);
        inputByPrf.put(prf, input);
      }
    }
    // the caller's fresh map, not a copy: at millions of targets a copy doubles the heap it takes
    refsByInput = Collections.unmodifiableMap(current);
    PrfFilterDelta delta = builder.commit();
    if (!delta.isEmpty()) {
      deltas.addLast(delta);
      while (deltas.size() > MAX_DELTAS) {
        deltas.removeFirst();
      }
    }
    syncedChange = change;
    return true;
  }

  synchronized long syncedChange() {
    return syncedChange;
  }

  synchronized int size() {
    return prfByInput.size();
  }

  /**
   * The full filter (its first part), or the deltas since the partner's generation when they are
   * all still here and fit in one part.
   */
  synchronized FilterAnswer answer(String partnerFilterId, long sinceGeneration) {
    long now = builder.published().generation();
    FilterAnswer.Builder a = base(now);
    if (filterId.equals(partnerFilterId) && sinceGeneration <= now) {
      boolean covered = sinceGeneration == now;
      long bytes = 0;
      for (PrfFilterDelta d : deltas) {
        if (d.fromGeneration() == sinceGeneration) {
          covered = true;
        }
        if (covered && d.fromGeneration() >= sinceGeneration) {
          byte[] delta = d.toBytes();
          bytes += delta.length;
          a.addDeltas(ByteString.copyFrom(delta));
        }
      }
      if (covered && bytes <= partBytes) {
        return a.build();
      }
      a.clearDeltas();
    }
    if (snapshotGeneration != now) {
      snapshot = builder.published().toBytes();
      snapshotGeneration = now;
    }
    return part(a, 0);
  }

  /**
   * Part {@code part} of the full filter at {@code generation}; part 0 of the current full filter
   * if that generation is no longer kept (the partner then starts again).
   */
  synchronized FilterAnswer part(String partnerFilterId, long generation, int part) {
    if (filterId.equals(partnerFilterId)
        && snapshot != null
        && generation == snapshotGeneration
        && part < parts()) {
      return part(base(snapshotGeneration), part);
    }
    return answer("", 0);
  }

  private FilterAnswer.Builder base(long generation) {
    return FilterAnswer.newBuilder()
        .setKind(kind)
        .setEpoch(epoch)
        .setFilterId(filterId)
        .setPublicKey(ByteString.copyFrom(server.publicKey()))
        .setGeneration(generation);
  }

  private FilterAnswer part(FilterAnswer.Builder a, int part) {
    int from = part * partBytes;
    int to = Math.min(snapshot.length, from + partBytes);
    return a.setFullFilter(ByteString.copyFrom(snapshot, from, to - from))
        .setPart(part)
        .setParts(parts())
        .setFullSize(snapshot.length)
        .build();
  }

  private int parts() {
    return Math.max(1, (snapshot.length + partBytes - 1) / partBytes);
  }

  /** The targets behind a PRF value this node published, or an empty set. */
  synchronized Set<String> refsFor(ByteString prf) {
    ByteString input = inputByPrf.get(prf);
    return input == null ? Set.of() : refsByInput.getOrDefault(input, Set.of());
  }
}

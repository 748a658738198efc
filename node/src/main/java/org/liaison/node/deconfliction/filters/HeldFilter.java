package org.liaison.node.deconfliction.filters;

import com.google.protobuf.ByteString;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
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
public final class HeldFilter {
  static final int MAX_DELTAS = 256;
  static final long MIN_CAPACITY = 1024;

  /** PRF values computed between two publications of a filter that is catching up. */
  static final int PUBLISH_EVERY = 2000;

  final MatchKind kind;
  public final long epoch;
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
  boolean sync(Map<ByteString, Set<String>> current, long change) {
    return sync(current, change, Map.of());
  }

  /**
   * Brings the filter to the current inputs; returns false if it has outgrown its capacity. The PRF
   * values of new inputs are computed outside the filter's lock, so partners are answered from the
   * filter as it stands meanwhile; one caller syncs at a time ({@link HeldFilters}).
   *
   * @param known PRF values computed earlier under the same key (a filter outgrown and rebuilt)
   */
  boolean sync(
      Map<ByteString, Set<String>> current, long change, Map<ByteString, ByteString> known) {
    return sync(current, change, known, () -> false);
  }

  /**
   * As {@link #sync(Map, long, Map)}, but stops after any published slice of {@link #PUBLISH_EVERY}
   * values when {@code pause} says so: the filter then holds what it has computed so far, is not
   * marked current, and the next sync continues from there.
   */
  boolean sync(
      Map<ByteString, Set<String>> current,
      long change,
      Map<ByteString, ByteString> known,
      BooleanSupplier pause) {
    if (current.size() > capacity) {
      return false;
    }
    List<ByteString> missing = new ArrayList<>();
    synchronized (this) {
      for (ByteString input : current.keySet()) {
        if (!prfByInput.containsKey(input)) {
          missing.add(input);
        }
      }
    }
    // published every PUBLISH_EVERY values, so that a long catch-up shows partners its progress
    for (int from = 0; from < missing.size(); from += PUBLISH_EVERY) {
      Map<ByteString, ByteString> added = new HashMap<>();
      for (ByteString input :
          missing.subList(from, Math.min(missing.size(), from + PUBLISH_EVERY))) {
        ByteString prf = known.get(input);
        added.put(
            input, prf != null ? prf : ByteString.copyFrom(server.evaluate(input.toByteArray())));
      }
      synchronized (this) {
        refsByInput = java.util.Collections.unmodifiableMap(current);
        added.forEach(
            (input, prf) -> {
              builder.add(prf.toByteArray());
              prfByInput.put(input, prf);
              inputByPrf.put(prf, input);
            });
        if (from + PUBLISH_EVERY < missing.size()) {
          commitDelta();
          if (pause.getAsBoolean()) {
            return true;
          }
        }
      }
    }
    synchronized (this) {
      for (Iterator<Map.Entry<ByteString, ByteString>> it = prfByInput.entrySet().iterator();
          it.hasNext(); ) {
        Map.Entry<ByteString, ByteString> e = it.next();
        if (!current.containsKey(e.getKey())) {
          builder.remove(e.getValue().toByteArray());
          inputByPrf.remove(e.getValue());
          it.remove();
        }
      }
      refsByInput = java.util.Collections.unmodifiableMap(current);
      commitDelta();
      syncedChange = change;
      return true;
    }
  }

  private void commitDelta() {
    PrfFilterDelta delta = builder.commit();
    if (!delta.isEmpty()) {
      deltas.addLast(delta);
      while (deltas.size() > MAX_DELTAS) {
        deltas.removeFirst();
      }
    }
  }

  /** The PRF values held, to carry into a rebuilt filter of the same key. */
  synchronized Map<ByteString, ByteString> prfValues() {
    return new HashMap<>(prfByInput);
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
  public synchronized Set<String> refsFor(ByteString prf) {
    ByteString input = inputByPrf.get(prf);
    return input == null ? Set.of() : refsByInput.getOrDefault(input, Set.of());
  }
}

package org.liaison.node.deconfliction.filters;

import com.google.protobuf.ByteString;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.liaison.wire.oprf.OprfServer;
import org.liaison.wire.oprf.PrfFilterBuilder;
import org.liaison.wire.oprf.PrfFilterDelta;
import org.liaison.wire.v1.FilterAnswer;
import org.liaison.wire.v1.MatchKind;

/**
 * What this node publishes to one partner for one kind of match in one key epoch: a counting Bloom
 * filter of the PRF values (under its key for that partner) of its current inputs and the recent
 * deltas, in the heap; the PRF values themselves, with the targets behind them for confirming
 * claims, on disk ({@link HeldFilterRows}, decision 0045), so a filter costs the heap its Bloom
 * filter and no more, and a filter made again (restart, outgrown) is filled from the rows without
 * evaluating the OPRF again. Thread-safe (one lock; one caller syncs at a time).
 */
public final class HeldFilter {
  private record Delta(long fromGeneration, byte[] bytes) {}

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
  private final HeldFilterRows rows;
  private final PrfFilterBuilder builder;

  /** The recent deltas, serialised, as many as one part holds (more are never sent). */
  private final Deque<Delta> deltas = new ArrayDeque<>();

  private long deltaBytes;
  private long syncedChange = -1;
  private byte[] snapshot;
  private long snapshotGeneration = -1;

  /**
   * A filter of the PRF values already in {@code rows} (none for a new filter): read in pages, not
   * evaluated again.
   */
  HeldFilter(
      MatchKind kind,
      long epoch,
      OprfServer server,
      long expectedEntries,
      int partBytes,
      HeldFilterRows rows) {
    if (partBytes < 1024) {
      throw new IllegalArgumentException("a filter part must hold at least 1 KiB");
    }
    if (rows.epoch != epoch || rows.filter.kind() != kind) {
      throw new IllegalArgumentException("the rows are another filter's");
    }
    this.kind = kind;
    this.epoch = epoch;
    this.server = server;
    this.partBytes = partBytes;
    this.rows = rows;
    this.capacity = Math.max(MIN_CAPACITY, 2 * expectedEntries);
    this.builder = new PrfFilterBuilder(capacity);
    ByteString[] last = {null};
    rows.forEachPage(
        page -> {
          synchronized (this) {
            for (HeldFilterRows.Row r : page) {
              if (!r.input().equals(last[0])) {
                builder.add(r.prf().toByteArray());
                last[0] = r.input();
              }
            }
          }
        });
    synchronized (this) {
      commitDelta();
    }
  }

  /** Brings the filter to the current inputs; returns false if it has outgrown its capacity. */
  boolean sync(Map<ByteString, Set<String>> current, long change) {
    return sync(current, change, () -> false);
  }

  /**
   * Brings the filter to the current inputs; returns false if it has outgrown its capacity. Rows of
   * inputs (or references) no longer current leave first; then the PRF values of new inputs are
   * computed outside the filter's lock, so partners are answered from the filter as it stands
   * meanwhile, and published every {@link #PUBLISH_EVERY} values; the sync stops after any such
   * slice when {@code pause} says so: the filter then holds what it has computed so far, is not
   * marked current, and the next sync continues from there.
   */
  boolean sync(Map<ByteString, Set<String>> current, long change, BooleanSupplier pause) {
    if (current.size() > capacity) {
      return false;
    }
    // what is not on disk yet; the PRF values of inputs on disk that gained a reference
    Map<ByteString, Set<String>> missing = new HashMap<>();
    current.forEach((input, refs) -> missing.put(input, HeldFilterRows.refsOrNone(refs)));
    Map<ByteString, ByteString> known = new HashMap<>();
    ByteString[] removed = {null};
    rows.forEachPage(
        page -> {
          List<HeldFilterRows.Row> gone = new ArrayList<>();
          List<ByteString> left = new ArrayList<>();
          for (HeldFilterRows.Row r : page) {
            Set<String> held = current.get(r.input());
            if (held == null) {
              gone.add(r);
              if (!r.input().equals(removed[0])) {
                left.add(r.prf());
                removed[0] = r.input();
              }
              continue;
            }
            if (!HeldFilterRows.refsOrNone(held).contains(r.ref())) {
              gone.add(r); // the input stays, held by other cases now
            } else {
              Set<String> notYet = missing.get(r.input());
              if (notYet != null && notYet.contains(r.ref())) {
                if (notYet.size() == 1) {
                  missing.remove(r.input());
                } else {
                  Set<String> rest = new TreeSet<>(notYet);
                  rest.remove(r.ref());
                  missing.put(r.input(), rest);
                }
              }
            }
            // in the filter already: its new references take this value
            if (missing.containsKey(r.input())) {
              known.put(r.input(), r.prf());
            } else {
              known.remove(r.input());
            }
          }
          // off disk first, then out of the filter: a claim is never confirmed from a row whose
          // target has gone
          rows.delete(gone);
          synchronized (this) {
            for (ByteString prf : left) {
              builder.remove(prf.toByteArray());
            }
          }
        });
    if (!addInSlices(missing, known, pause)) {
      return true;
    }
    synchronized (this) {
      commitDelta();
      syncedChange = change;
      return true;
    }
  }

  /**
   * Brings the rows of these references (case numbers) to {@code current}, the current inputs of
   * exactly these references, each with those of them holding it; the rows of every other reference
   * are neither read nor changed, so the work is that of the references given, not of the filter.
   * Rows whose input a reference no longer holds leave, off disk first and then out of the filter
   * when no row of another reference holds the input; an input new to a reference takes the PRF
   * value of a row it has already, or is evaluated (outside the filter's lock, published every
   * {@link #PUBLISH_EVERY} values). Returns false, having added nothing, when the new inputs would
   * outgrow the filter's capacity (it is then made again, larger, from its rows).
   */
  boolean syncRefs(Collection<String> refs, Map<ByteString, Set<String>> current) {
    Map<ByteString, Set<String>> missing = new HashMap<>();
    current.forEach((input, held) -> missing.put(input, new HashSet<>(held)));
    Map<ByteString, ByteString> known = new HashMap<>();
    List<HeldFilterRows.Row> gone = new ArrayList<>();
    Map<ByteString, ByteString> left = new HashMap<>();
    for (HeldFilterRows.Row r : rows.rowsOfRefs(refs)) {
      Set<String> held = current.get(r.input());
      if (held == null || !held.contains(r.ref())) {
        gone.add(r);
        if (held == null) {
          left.put(r.input(), r.prf());
        } else {
          known.put(r.input(), r.prf()); // moved to another of these references: stays in
        }
        continue;
      }
      known.put(r.input(), r.prf());
      Set<String> notYet = missing.get(r.input());
      notYet.remove(r.ref());
      if (notYet.isEmpty()) {
        missing.remove(r.input());
      }
    }
    // off disk first, then out of the filter unless another reference's row holds the input
    rows.delete(gone);
    left.keySet().removeAll(rows.prfsOf(left.keySet()).keySet());
    synchronized (this) {
      for (ByteString prf : left.values()) {
        builder.remove(prf.toByteArray());
      }
    }
    List<ByteString> unknown = new ArrayList<>();
    for (ByteString input : missing.keySet()) {
      if (!known.containsKey(input)) {
        unknown.add(input);
      }
    }
    known.putAll(rows.prfsOf(unknown)); // in the filter already, under another reference
    long fresh = missing.keySet().stream().filter(i -> !known.containsKey(i)).count();
    if (size() + fresh > capacity) {
      commit();
      return false;
    }
    addInSlices(missing, known, () -> false);
    commit();
    return true;
  }

  /**
   * Stores and adds the inputs still missing (each with the references holding it), taking the PRF
   * value of an input from {@code known} or evaluating it outside the filter's lock, and publishes
   * every {@link #PUBLISH_EVERY} values so that a long catch-up shows partners its progress.
   * Returns false when {@code pause} stopped it after a slice, with more left to add.
   */
  private boolean addInSlices(
      Map<ByteString, Set<String>> missing,
      Map<ByteString, ByteString> known,
      BooleanSupplier pause) {
    List<Map.Entry<ByteString, Set<String>>> toAdd = new ArrayList<>(missing.entrySet());
    for (int from = 0; from < toAdd.size(); from += PUBLISH_EVERY) {
      List<HeldFilterRows.Row> added = new ArrayList<>();
      List<ByteString> newValues = new ArrayList<>();
      for (Map.Entry<ByteString, Set<String>> e :
          toAdd.subList(from, Math.min(toAdd.size(), from + PUBLISH_EVERY))) {
        ByteString prf = known.get(e.getKey());
        if (prf == null) {
          prf = ByteString.copyFrom(server.evaluate(e.getKey().toByteArray()));
          newValues.add(prf);
        }
        for (String ref : e.getValue()) {
          added.add(new HeldFilterRows.Row(e.getKey(), ref, prf));
        }
      }
      rows.insert(added);
      synchronized (this) {
        for (ByteString prf : newValues) {
          builder.add(prf.toByteArray());
        }
        commitDelta();
        if (from + PUBLISH_EVERY < toAdd.size() && pause.getAsBoolean()) {
          return false;
        }
      }
    }
    return true;
  }

  /** The next {@code n} references of the filter's rows after {@code after}, in order. */
  List<String> refsAfter(String after, int n) {
    return rows.refsAfter(after, n);
  }

  /** Publishes what changed since the last publication. */
  synchronized void commit() {
    commitDelta();
  }

  /** Marks the filter current with the records as of {@code change}. */
  synchronized void synced(long change) {
    commitDelta();
    syncedChange = change;
  }

  private void commitDelta() {
    PrfFilterDelta delta = builder.commit();
    if (delta.isEmpty()) {
      return;
    }
    byte[] bytes = delta.toBytes();
    deltas.addLast(new Delta(delta.fromGeneration(), bytes));
    deltaBytes += bytes.length;
    // a partner is sent the deltas since its generation only if they fit in one part
    while (deltas.size() > MAX_DELTAS || deltaBytes > partBytes) {
      deltaBytes -= deltas.removeFirst().bytes().length;
    }
  }

  synchronized long syncedChange() {
    return syncedChange;
  }

  /** The inputs in the filter. */
  synchronized long size() {
    return builder.entryCount();
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
      for (Delta d : deltas) {
        if (d.fromGeneration() == sinceGeneration) {
          covered = true;
        }
        if (covered && d.fromGeneration() >= sinceGeneration) {
          bytes += d.bytes().length;
          a.addDeltas(ByteString.copyFrom(d.bytes()));
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
  public Set<String> refsFor(ByteString prf) {
    return rows.refsFor(prf);
  }
}

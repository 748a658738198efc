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
import java.util.UUID;
import org.jboss.logging.Logger;
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
  private static final Logger LOG = Logger.getLogger(HeldFilter.class);

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
    ByteString[] lastKey = {null};
    Set<ByteString> ofKey = new HashSet<>();
    rows.forEachPage(
        page -> {
          synchronized (this) {
            for (HeldFilterRows.Row r : page) {
              if (!r.key().equals(lastKey[0])) {
                ofKey.clear();
                lastKey[0] = r.key();
              }
              // each value once: the rows of one value share its input's key
              if (ofKey.add(r.prf())) {
                builder.add(r.prf().toByteArray());
              }
            }
          }
        });
    synchronized (this) {
      commitDelta();
    }
  }

  /**
   * Brings the whole filter to {@code current}, every input it should hold, in one go; returns
   * false if it has outgrown its capacity. Rows of inputs (or references) no longer current leave
   * first; then the PRF values of new inputs are computed outside the filter's lock, so partners
   * are answered from the filter as it stands meanwhile, and published every {@link #PUBLISH_EVERY}
   * values. It holds every input in the heap: the node's catch-ups go reference by reference
   * instead ({@link #syncRefs}, decision 0077); this serves a filter's tests and tools.
   */
  boolean sync(Map<ByteString, Set<String>> current, long change) {
    if (current.size() > capacity) {
      return false;
    }
    Map<ByteString, Map<String, ByteString>> missing = byKey(current, true);
    rows.forEachPage(page -> removeRows(notCurrent(page, missing)));
    addInSlices(pending(missing));
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
   * when no other row holds their PRF value; an input new to a reference is evaluated (outside the
   * filter's lock, published every {@link #PUBLISH_EVERY} values), never taken from a row of
   * another reference (decision 0074). Returns false, having added nothing, when the new inputs
   * would outgrow the filter's capacity (it is then made again, larger, from its rows).
   */
  boolean syncRefs(Collection<String> refs, Map<ByteString, Set<String>> current) {
    Map<ByteString, Map<String, ByteString>> missing = byKey(current, false);
    removeRows(notCurrent(rows.rowsOfRefs(refs), missing));
    List<Pending> pending = pending(missing);
    if (size() + pending.size() > capacity) {
      commit();
      return false;
    }
    addInSlices(pending);
    commit();
    return true;
  }

  /**
   * The current inputs by the key their rows name them by, then by the reference holding them (the
   * "no reference" row for an input nothing refers to, if {@code orNone}). Two inputs of one
   * reference with the same key (2^-64 a pair) cannot both have a row: the smaller stays, the other
   * is left out of the filter (a match missed, never a wrong one).
   */
  private static Map<ByteString, Map<String, ByteString>> byKey(
      Map<ByteString, Set<String>> current, boolean orNone) {
    Map<ByteString, Map<String, ByteString>> out = new HashMap<>();
    current.forEach(
        (input, refs) -> {
          Map<String, ByteString> ofKey =
              out.computeIfAbsent(HeldFilterRows.keyOf(input), k -> new HashMap<>(2));
          for (String ref : orNone ? HeldFilterRows.refsOrNone(refs) : refs) {
            ByteString other = ofKey.putIfAbsent(ref, input);
            if (other != null && !other.equals(input)) {
              LOG.warn(
                  "two inputs of one reference share a row key: one is left out of the filter");
              if (ByteString.unsignedLexicographicalComparator().compare(other, input) < 0) {
                ofKey.put(ref, other);
              }
            }
          }
        });
    return out;
  }

  /**
   * The rows whose reference no longer holds their input. The others are taken out of {@code
   * missing} (the current inputs by key and reference): what is left in it has no row yet. One map
   * serves both because a filter holds at most one row per key and reference (its primary key), so
   * a pair taken out is never asked for again (a copy of it was most of a full catch-up's heap).
   */
  private static List<HeldFilterRows.Row> notCurrent(
      List<HeldFilterRows.Row> stored, Map<ByteString, Map<String, ByteString>> missing) {
    List<HeldFilterRows.Row> gone = new ArrayList<>();
    for (HeldFilterRows.Row r : stored) {
      Map<String, ByteString> notYet = missing.get(r.key());
      if (notYet == null || notYet.remove(r.ref()) == null) {
        gone.add(r);
        continue;
      }
      if (notYet.isEmpty()) {
        missing.remove(r.key());
      }
    }
    return gone;
  }

  /**
   * Deletes these rows, off disk first and then out of the filter (a claim is never confirmed from
   * a row whose target has gone): a PRF value leaves the filter when no row holds it any more.
   */
  private void removeRows(List<HeldFilterRows.Row> gone) {
    if (gone.isEmpty()) {
      return;
    }
    rows.delete(gone);
    Set<ByteString> left = new HashSet<>();
    gone.forEach(r -> left.add(r.prf()));
    left.removeAll(rows.held(left));
    synchronized (this) {
      for (ByteString prf : left) {
        builder.remove(prf.toByteArray());
      }
    }
  }

  /** An input to evaluate and store, under the references holding it. */
  private record Pending(ByteString key, ByteString input, List<String> refs) {}

  private static List<Pending> pending(Map<ByteString, Map<String, ByteString>> missing) {
    List<Pending> out = new ArrayList<>();
    missing.forEach(
        (key, refs) -> {
          Map<ByteString, List<String>> byInput = new HashMap<>(2);
          refs.forEach(
              (ref, input) -> byInput.computeIfAbsent(input, i -> new ArrayList<>()).add(ref));
          byInput.forEach((input, held) -> out.add(new Pending(key, input, held)));
        });
    return out;
  }

  /**
   * Evaluates and stores the inputs still missing, outside the filter's lock, and publishes every
   * {@link #PUBLISH_EVERY} values so that a long catch-up shows partners its progress; a value goes
   * into the filter unless a row holds it already.
   */
  private void addInSlices(List<Pending> toAdd) {
    for (int from = 0; from < toAdd.size(); from += PUBLISH_EVERY) {
      List<Pending> slice = toAdd.subList(from, Math.min(toAdd.size(), from + PUBLISH_EVERY));
      List<ByteString> prfs =
          PrfEvaluations.of(server, slice.stream().map(Pending::input).toList());
      List<HeldFilterRows.Row> added = new ArrayList<>();
      Set<ByteString> newValues = new HashSet<>(prfs);
      for (int i = 0; i < slice.size(); i++) {
        for (String ref : slice.get(i).refs()) {
          added.add(new HeldFilterRows.Row(slice.get(i).key(), ref, prfs.get(i)));
        }
      }
      newValues.removeAll(rows.held(newValues));
      rows.insert(added);
      synchronized (this) {
        for (ByteString prf : newValues) {
          builder.add(prf.toByteArray());
        }
        commitDelta();
      }
    }
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

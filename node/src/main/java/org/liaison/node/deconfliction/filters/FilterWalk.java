package org.liaison.node.deconfliction.filters;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * One filter's catch-up (decisions 0047 and 0077): the references changed since it last read them,
 * and a walk of every reference when one is asked for (a filter made, a new scope, changes not
 * known reference by reference), with where the walk stands between its slices: first the live
 * references in scope, then the references the filter's rows name. A target filter's references are
 * cases, and a changed case is read alone; an event filter's are operations, and any change walks
 * them all (an operation also leaves when its window has passed, which no change announces). Either
 * way the catch-up holds one slice of the inputs at a time. Changes are recorded from any thread;
 * the rest is read and moved under the filter's lock.
 */
final class FilterWalk {
  /** References walked (or changed ones read) at a time. */
  static final int SLICE = 200;

  /**
   * Changed cases kept apart at most: past that the next catch-up walks every case instead (reading
   * them all costs no more than reading that many one by one), and the heap holds no more.
   */
  static final int MAX_CHANGED = 10_000;

  /** The filter a walk brings up to date, a slice of references at a time. */
  interface Walked {
    /** Brings the rows of these references to {@code current}, their current inputs. */
    void sync(List<String> refs, Map<ByteString, Set<String>> current);

    /** The next {@code n} references of the filter's rows after {@code after}, in order. */
    List<String> refsAfter(String after, int n);
  }

  private final boolean byReference;
  private final Set<String> changed = ConcurrentHashMap.newKeySet();
  private volatile boolean walkAsked;
  private Set<String> scope;
  private boolean walking;
  private boolean live;
  private String after = "";

  /**
   * @param byReference whether a change names the reference to read again (a case of a target
   *     filter); if not, every change walks every reference
   */
  FilterWalk(boolean byReference) {
    this.byReference = byReference;
  }

  void changed(String reference) {
    if (!byReference || changed.size() >= MAX_CHANGED) {
      walkAsked = true;
    } else {
      changed.add(reference);
    }
  }

  /** Asks for a walk of every reference at the next catch-up. */
  void walkAll() {
    walkAsked = true;
  }

  /** The agreement's crime categories now: another scope than the last walks everything again. */
  void scope(Set<String> now) {
    if (!now.equals(scope)) {
      scope = Set.copyOf(now);
      walkAsked = true;
    }
  }

  /**
   * Brings {@code filter} to {@code inputs}: the changed references, then the walk asked for, if
   * one was (a walk under way starts again from its beginning), a slice at a time; stops after a
   * slice when {@code pause} says so and goes on from there at the next call. Returns true when
   * nothing is left to read.
   */
  boolean catchUp(WalkedInputs inputs, Walked filter, BooleanSupplier pause) {
    List<String> todo = takeChanged();
    for (int from = 0; from < todo.size(); from += SLICE) {
      List<String> slice = todo.subList(from, Math.min(todo.size(), from + SLICE));
      try {
        filter.sync(slice, inputs.of(slice));
      } catch (RuntimeException e) {
        changed.addAll(todo.subList(from, todo.size()));
        throw e;
      }
      if (from + SLICE < todo.size() && pause.getAsBoolean()) {
        changed.addAll(todo.subList(from + SLICE, todo.size()));
        return false;
      }
    }
    while (walking) {
      if (live) {
        WalkedInputs.Slice slice = inputs.liveAfter(after);
        if (slice.last().isEmpty()) {
          live = false;
          after = "";
        } else {
          filter.sync(slice.refs(), slice.inputs());
          after = slice.last();
        }
      } else {
        List<String> refs = filter.refsAfter(after, SLICE);
        if (refs.isEmpty()) {
          walking = false;
          after = "";
        } else {
          List<String> gone = new ArrayList<>(refs);
          gone.removeAll(inputs.liveAmong(refs));
          filter.sync(gone, Map.of());
          after = refs.get(refs.size() - 1);
        }
      }
      if (walking && pause.getAsBoolean()) {
        return false;
      }
    }
    return true;
  }

  /**
   * The references changed since the last call, taken out; none if a walk starts, which reads every
   * reference as it is from now on.
   */
  private List<String> takeChanged() {
    boolean restart = walkAsked;
    if (restart) {
      walkAsked = false;
      walking = true;
      live = true;
      after = "";
    }
    List<String> taken = new ArrayList<>();
    for (String c : changed) {
      changed.remove(c);
      taken.add(c);
    }
    return restart ? List.of() : taken;
  }
}

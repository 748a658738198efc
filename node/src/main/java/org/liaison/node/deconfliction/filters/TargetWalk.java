package org.liaison.node.deconfliction.filters;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one target filter's catch-up has still to read (decision 0047): the cases changed since it
 * last read them, and a walk of every case when one is asked for (a filter made, a new scope,
 * changes not known case by case), with where the walk stands between its slices: first this
 * agency's active cases in scope, then the cases the filter's rows name. Cases are recorded from
 * any thread; the rest is read and moved under the filter's lock.
 */
final class TargetWalk {
  private final Set<String> changed = ConcurrentHashMap.newKeySet();
  private volatile boolean walkAsked;
  private Set<String> scope;
  private boolean walking;
  private boolean activeCases;
  private String after = "";

  void changed(String caseNumber) {
    changed.add(caseNumber);
  }

  /** Cases taken by a catch-up that stopped before reading them. */
  void changedAgain(Collection<String> cases) {
    changed.addAll(cases);
  }

  /** Asks for a walk of every case at the next catch-up. */
  void walkAll() {
    walkAsked = true;
  }

  /** The agreement's crime categories now: another scope than the last walks every case again. */
  void scope(Set<String> now) {
    if (!now.equals(scope)) {
      scope = Set.copyOf(now);
      walkAsked = true;
    }
  }

  /**
   * The cases changed since the last call, taken out; starts the walk asked for, if one was (a walk
   * under way starts again from its beginning).
   */
  List<String> takeChanged() {
    if (walkAsked) {
      walkAsked = false;
      walking = true;
      activeCases = true;
      after = "";
    }
    List<String> taken = new ArrayList<>();
    for (String c : changed) {
      changed.remove(c);
      taken.add(c);
    }
    return taken;
  }

  boolean walking() {
    return walking;
  }

  /** True while the walk goes through the active cases, false once it reads the rows' cases. */
  boolean activeCases() {
    return activeCases;
  }

  /** The last case walked in the current part of the walk ("" at its start). */
  String after() {
    return after;
  }

  void walked(String last) {
    after = last;
  }

  /** The active cases are done: on to the cases the rows name. */
  void toRows() {
    activeCases = false;
    after = "";
  }

  void done() {
    walking = false;
    after = "";
  }
}

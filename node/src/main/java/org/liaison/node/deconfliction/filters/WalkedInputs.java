package org.liaison.node.deconfliction.filters;

import com.google.protobuf.ByteString;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a filter's walk reads the current inputs, reference by reference (a target filter's cases,
 * an event filter's operations): a slice at a time, so that a catch-up holds one slice of the
 * node's inputs, never all of them (decision 0077).
 */
interface WalkedInputs {
  /**
   * One slice of the walk of the live references in order: those read, their current inputs (each
   * with those of them that hold it) and the last reference read, "" when none is left.
   */
  record Slice(List<String> refs, Map<ByteString, Set<String>> inputs, String last) {}

  /** The live references after {@code after} ("" starts), a slice of them. */
  Slice liveAfter(String after);

  /** The current inputs of these references (none for a reference no longer live). */
  Map<ByteString, Set<String>> of(List<String> refs);

  /** Of these references, those still live. */
  List<String> liveAmong(Collection<String> refs);
}

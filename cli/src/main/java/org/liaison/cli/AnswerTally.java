package org.liaison.cli;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.liaison.wire.v1.PartnerAnswer;

/** Counts partner answers by status for the one-line summary after a query or check. */
final class AnswerTally {

  private final Map<PartnerAnswer.Status, Integer> counts =
      new EnumMap<>(PartnerAnswer.Status.class);
  private int total;
  private final long startedNanos = System.nanoTime();

  void add(PartnerAnswer.Status status) {
    counts.merge(status, 1, Integer::sum);
    total++;
  }

  int count(PartnerAnswer.Status status) {
    return counts.getOrDefault(status, 0);
  }

  /** e.g. "4 partners answered in 120 ms: 1 match, 2 no match, 1 unavailable." */
  String summary(String matchWord) {
    long ms = (System.nanoTime() - startedNanos) / 1_000_000;
    if (total == 0) {
      return "No partner answered ("
          + ms
          + " ms): this node has no partner with an agreement in force for this request.";
    }
    List<String> parts = new ArrayList<>();
    for (Map.Entry<PartnerAnswer.Status, Integer> e : counts.entrySet()) {
      String word =
          e.getKey() == PartnerAnswer.Status.MATCH
              ? matchWord
              : e.getKey() == PartnerAnswer.Status.NO_MATCH
                  ? "no " + matchWord
                  : e.getKey().name().toLowerCase().replace('_', ' ');
      parts.add(e.getValue() + " " + word);
    }
    return total
        + (total == 1 ? " partner" : " partners")
        + " answered in "
        + ms
        + " ms: "
        + String.join(", ", parts)
        + ".";
  }
}

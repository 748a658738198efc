package org.liaison.cluster.demo;

import java.util.List;
import org.liaison.cli.NodeClient;
import org.liaison.cluster.Federation;
import org.liaison.cluster.OfficerQueries;
import org.liaison.wire.v1.OfficerQueryRequest;
import org.liaison.wire.v1.PartnerAnswer;

/**
 * How long the demo's officers wait, how an officer sends a query ({@link OfficerQueries}), the
 * answer of one partner among the answers, and the query about the demo's phone two cases ask.
 */
final class DemoRequests {
  /** How long the demo's officers wait for their partners' answers. */
  static final int DEADLINE_MS = 10_000;

  private DemoRequests() {}

  /** An officer of {@code agency} sends {@code query} through its node; every partner's answer. */
  static List<PartnerAnswer> send(Federation federation, String agency, OfficerQueryRequest query) {
    try (NodeClient node = federation.node(agency).client()) {
      return node.queryAll(query);
    }
  }

  /**
   * An officer of {@code agency} asks {@code partner} about the demo's phone ({@link
   * TargetConflictCase#PHONE}) for purpose NARCOTICS; the answers are told, the partner's is
   * returned (null if it gave none).
   */
  static PartnerAnswer askAboutDemoPhone(
      Federation federation, Narrator say, String agency, String caseReference, String partner) {
    List<PartnerAnswer> answers =
        send(
            federation,
            agency,
            OfficerQueries.phone(
                TargetConflictCase.PHONE, "NARCOTICS", caseReference, DEADLINE_MS, partner));
    say.answers(answers);
    return answerOf(answers, partner);
  }

  /** {@code agency}'s answer among {@code answers}, or null if it gave none. */
  static PartnerAnswer answerOf(List<PartnerAnswer> answers, String agency) {
    return answers.stream()
        .filter(a -> a.getPartnerAgency().equals(agency))
        .findFirst()
        .orElse(null);
  }
}

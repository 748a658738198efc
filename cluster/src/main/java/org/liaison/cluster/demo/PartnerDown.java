package org.liaison.cluster.demo;

import java.util.List;
import org.liaison.cluster.AgencyNode;
import org.liaison.cluster.Federation;
import org.liaison.cluster.OfficerQueries;
import org.liaison.wire.v1.PartnerAnswer;

/** Case 7: ICE fans a query out to four partners while one node is stopped; nothing hangs. */
final class PartnerDown implements DemoScenario {

  static final int DEADLINE_MS = 3000;

  @Override
  public boolean run(Federation federation, Narrator say) {
    AgencyNode dea = federation.node("us.dea");
    say.step("DEA's node is stopped.");
    dea.stop();
    try {
      List<String> partners =
          federation.agencies().stream().filter(a -> !a.equals("us.ice")).toList();
      say.step(
          "An ICE agent queries "
              + String.join(", ", partners)
              + " with a "
              + DEADLINE_MS
              + " ms deadline.");
      long t0 = System.nanoTime();
      List<PartnerAnswer> answers =
          DemoRequests.send(
              federation,
              "us.ice",
              OfficerQueries.person(
                  "Dmitriy Volkov",
                  "1979-03-14",
                  "INVESTIGATOR",
                  "INTERNATIONAL_ORGANIZED_CRIME",
                  "ICE-DEMO-7",
                  DEADLINE_MS,
                  partners));
      long ms = (System.nanoTime() - t0) / 1_000_000;
      say.answers(answers);
      boolean deaUnavailable =
          answers.stream()
              .anyMatch(
                  a ->
                      a.getPartnerAgency().equals("us.dea")
                          && (a.getStatus() == PartnerAnswer.Status.UNAVAILABLE
                              || a.getStatus() == PartnerAnswer.Status.DEADLINE_EXCEEDED));
      boolean everyoneAnswered = answers.size() == partners.size();
      boolean inTime = ms < DEADLINE_MS + 2000;
      boolean ok = deaUnavailable && everyoneAnswered && inTime;
      say.verdict(
          ok,
          "the query ended after "
              + ms
              + " ms with "
              + answers.size()
              + " answers for "
              + partners.size()
              + " partners; DEA was "
              + (deaUnavailable ? "reported unavailable." : "NOT reported unavailable."));
      return ok;
    } finally {
      say.step("DEA's node is started again (same database).");
      long t0 = System.nanoTime();
      dea.start();
      say.detail("ready again after " + (System.nanoTime() - t0) / 1_000_000 + " ms");
    }
  }
}

package org.liaison.cluster.demo;

import java.util.List;
import org.liaison.cli.NodeClient;
import org.liaison.cluster.Federation;
import org.liaison.cluster.OfficerQueries;
import org.liaison.wire.v1.PartnerAnswer;
import org.liaison.wire.v1.PartnerCheckAnswer;

/**
 * Case 1: an ICE agent checks a phone DEA already works on; both sides get each other's contact.
 */
final class TargetConflictCase implements DemoScenario {

  static final String PHONE = "+1 305 555 0142";

  @Override
  public boolean run(Federation federation, Narrator say) {
    say.step(
        "An ICE agent opens case ICE-MIA-DEMO-1 on phone " + PHONE + " and runs a target check.");
    List<PartnerCheckAnswer> answers;
    try (NodeClient ice = federation.node("us.ice").client()) {
      answers =
          ice.checkAll(
              OfficerQueries.phoneCheck(PHONE, "ICE-MIA-DEMO-1", DemoRequests.DEADLINE_MS));
    }
    say.checkAnswers(answers);
    PartnerCheckAnswer dea =
        answers.stream()
            .filter(a -> a.getPartnerAgency().equals("us.dea"))
            .findFirst()
            .orElse(null);
    boolean conflict =
        dea != null
            && dea.getStatus() == PartnerAnswer.Status.MATCH
            && dea.getAnswer().getConflictsCount() > 0;
    if (conflict) {
      var c = dea.getAnswer().getConflicts(0);
      say.verdict(
          true,
          "DEA reports a conflict: the ICE agent is told to call "
              + Narrator.contact(c.getPointOfContact())
              + " about case "
              + c.getCaseReference()
              + "; nothing else about DEA's case is disclosed, and DEA's agent is"
              + " notified with ICE's point of contact.");
    } else {
      say.verdict(false, "no conflict from DEA (did the DEA node load its reference records?).");
    }
    return conflict;
  }
}

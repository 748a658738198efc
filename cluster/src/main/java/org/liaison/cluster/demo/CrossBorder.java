package org.liaison.cluster.demo;

import java.util.List;
import org.liaison.cluster.Federation;
import org.liaison.cluster.OfficerQueries;
import org.liaison.wire.v1.PartnerAnswer;
import org.liaison.wire.v1.Tier;

/**
 * Case 3: ru.skr asks in Cyrillic; ICE holds the subject in Latin script and answers at summary
 * tier.
 */
final class CrossBorder implements DemoScenario {

  @Override
  public boolean run(Federation federation, Narrator say) {
    say.step(
        "A ru.skr investigator asks ICE about Дмитрий Волков, born 1979-03-14, for HUMAN_SMUGGLING.");
    List<PartnerAnswer> answers = skrAsksIceAboutVolkov(federation);
    say.answers(answers);
    PartnerAnswer ice = DemoRequests.answerOf(answers, "us.ice");
    boolean ok =
        ice != null
            && ice.getStatus() == PartnerAnswer.Status.MATCH
            && ice.getAnswer().getDisclosuresList().stream()
                .allMatch(d -> d.getTier().getNumber() <= Tier.SUMMARY_VALUE);
    say.verdict(
        ok,
        ok
            ? "ICE matched the Cyrillic name to its 'Dmitriy Volkov' and answered at the tier ice-skr-2010 allows,"
                + " with only the fields it lists."
            : "ICE did not answer the Cyrillic query with a summary-tier match.");
    return ok;
  }

  /** The ru.skr investigator's query of case 3, also replayed by case 9. */
  static List<PartnerAnswer> skrAsksIceAboutVolkov(Federation federation) {
    return DemoRequests.send(
        federation,
        "ru.skr",
        OfficerQueries.person(
            "Дмитрий Волков",
            "1979-03-14",
            "INVESTIGATOR",
            "HUMAN_SMUGGLING",
            "SK-77-2026-0117",
            DemoRequests.DEADLINE_MS,
            List.of("us.ice")));
  }
}

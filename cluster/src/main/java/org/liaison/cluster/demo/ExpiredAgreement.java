package org.liaison.cluster.demo;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.liaison.agreements.AgreementException;
import org.liaison.agreements.ReferenceAgreements;
import org.liaison.cluster.Federation;
import org.liaison.wire.v1.PartnerAnswer;
import org.liaison.wire.v1.Reason;

/**
 * Case 9: ICE's copy of ice-skr-2010 is replaced by one whose end date has passed (signed again by
 * both parties); ru.skr's copy still looks in force, so its request arrives and is refused there.
 */
final class ExpiredAgreement implements DemoScenario {

  @Override
  public boolean run(Federation federation, Narrator say) throws Exception {
    Path iceCopy = federation.workDir().resolve("us.ice").resolve("agreements");
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    say.step("ice-skr-2010 as ICE holds it now ended yesterday.");
    ReferenceAgreements.writeExpired("ice-skr-2010", federation.pkiDir(), iceCopy, today);
    try {
      Thread.sleep(1500); // nodes re-read their agreements at most once a second
      say.step("The ru.skr investigator asks ICE about Дмитрий Волков again.");
      List<PartnerAnswer> answers = CrossBorder.skrAsksIceAboutVolkov(federation);
      say.answers(answers);
      PartnerAnswer ice = DemoRequests.answerOf(answers, "us.ice");
      boolean ok =
          ice != null
              && ice.getStatus() != PartnerAnswer.Status.MATCH
              && ice.getAnswer().getDisclosuresCount() == 0
              && (ice.getReason() == Reason.AGREEMENT_EXPIRED
                  || ice.getStatus() == PartnerAnswer.Status.UNAVAILABLE);
      say.verdict(
          ok,
          ok
              ? "refused: " + ice.getReason() + "; nothing left ICE under the expired agreement."
              : "the expired agreement still let the request through.");
      return ok;
    } finally {
      restore(iceCopy, federation, today);
      say.step("ICE's copy of ice-skr-2010 is restored (in force again).");
    }
  }

  private static void restore(Path iceCopy, Federation federation, LocalDate today)
      throws AgreementException {
    ReferenceAgreements.write(
        "ice-skr-2010",
        federation.pkiDir(),
        iceCopy,
        today.minusDays(ReferenceAgreements.START_DAYS_AGO),
        today.plusYears(ReferenceAgreements.END_YEARS_AHEAD));
  }
}

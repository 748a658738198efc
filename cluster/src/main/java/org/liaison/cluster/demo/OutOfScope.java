package org.liaison.cluster.demo;

import org.liaison.cluster.Federation;
import org.liaison.wire.v1.PartnerAnswer;
import org.liaison.wire.v1.Reason;

/** Case 2: ru.skr asks ICE about a narcotics subject; ice-skr-2010 does not cover narcotics. */
final class OutOfScope implements DemoScenario {

  @Override
  public boolean run(Federation federation, Narrator say) {
    say.step(
        "A ru.skr officer asks ICE about phone "
            + TargetConflictCase.PHONE
            + " for purpose NARCOTICS.");
    PartnerAnswer ice =
        DemoRequests.askAboutDemoPhone(federation, say, "ru.skr", "SKR-DEMO-2", "us.ice");
    boolean refused =
        ice != null
            && ice.getStatus() == PartnerAnswer.Status.REFUSED
            && ice.getAnswer().getDisclosuresCount() == 0
            && (ice.getAnswer().getRefusal().getReason() == Reason.PURPOSE_NOT_PERMITTED
                || ice.getReason() == Reason.PURPOSE_NOT_PERMITTED);
    String agreement =
        ice == null
            ? ""
            : ice.getAnswer().getRefusal().getAgreementId().isEmpty()
                ? ice.getAgreementId()
                : ice.getAnswer().getRefusal().getAgreementId();
    say.verdict(
        refused && agreement.equals("ice-skr-2010"),
        refused
            ? "ICE refused, naming agreement "
                + agreement
                + " and the missing purpose; nothing was disclosed and both"
                + " nodes wrote the refusal to their audit logs."
            : "ICE did not refuse with PURPOSE_NOT_PERMITTED under ice-skr-2010.");
    return refused && agreement.equals("ice-skr-2010");
  }
}

package org.liaison.node.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.liaison.node.console.AnswerViews.CheckAnswerView;
import org.liaison.node.console.AnswerViews.ConflictView;
import org.liaison.wire.v1.ConfirmedConflict;
import org.liaison.wire.v1.EventCheckAnswer;
import org.liaison.wire.v1.PartnerAnswer;
import org.liaison.wire.v1.PartnerCheckAnswer;
import org.liaison.wire.v1.PointOfContact;
import org.liaison.wire.v1.Reason;
import org.liaison.wire.v1.Refusal;
import org.liaison.wire.v1.TargetCheckAnswer;
import org.liaison.wire.v1.TargetConflict;

/** One partner's line of a target check and of a planned operation, shown by the same rule. */
class CheckAnswerViewTest {
  private static final PointOfContact AGENT =
      PointOfContact.newBuilder().setName("R. Diaz").setAgency("us.dea").build();

  @Test
  void aMatchIsAConflict_withItsCases_andNoSentence_forATargetAndAnEventAlike() {
    CheckAnswerView target =
        CheckAnswerView.of(
            PartnerCheckAnswer.newBuilder()
                .setPartnerAgency("us.dea")
                .setAgreementId("dea-ice")
                .setLatencyMs(42)
                .setStatus(PartnerAnswer.Status.MATCH)
                .setMessage("not shown")
                .setAnswer(
                    TargetCheckAnswer.newBuilder()
                        .setConflict(true)
                        .addConflicts(
                            TargetConflict.newBuilder()
                                .setCaseReference("DEA-7")
                                .setPointOfContact(AGENT)))
                .build());
    CheckAnswerView event =
        CheckAnswerView.of(
            EventCheckAnswer.newBuilder()
                .setPartnerAgency("us.dea")
                .setAgreementId("dea-ice")
                .setLatencyMs(42)
                .setStatus(PartnerAnswer.Status.MATCH)
                .setMessage("not shown")
                .addConflicts(
                    ConfirmedConflict.newBuilder()
                        .setCaseReference("DEA-7")
                        .setPointOfContact(AGENT))
                .build());

    CheckAnswerView expected =
        new CheckAnswerView(
            "us.dea",
            "CONFLICT",
            true,
            "dea-ice",
            42,
            "",
            java.util.List.of(new ConflictView("DEA-7", "R. Diaz, us.dea")));
    assertThat(target).isEqualTo(expected);
    assertThat(event).isEqualTo(expected);
  }

  @Test
  void anyOtherStatusSaysWhy_noMatchAsNoConflict_andATargetRefusalInItsOwnWords() {
    CheckAnswerView none =
        CheckAnswerView.of(
            EventCheckAnswer.newBuilder()
                .setPartnerAgency("us.cbp")
                .setStatus(PartnerAnswer.Status.NO_MATCH)
                .build());
    assertThat(none.status()).isEqualTo("NO_CONFLICT");
    assertThat(none.conflict()).isFalse();
    assertThat(none.sentence()).isEmpty();

    CheckAnswerView late =
        CheckAnswerView.of(
            PartnerCheckAnswer.newBuilder()
                .setPartnerAgency("us.cbp")
                .setStatus(PartnerAnswer.Status.DEADLINE_EXCEEDED)
                .setReason(Reason.DEADLINE_EXCEEDED)
                .setMessage("us.cbp did not answer before the deadline")
                .build());
    assertThat(late.status()).isEqualTo("DEADLINE_EXCEEDED");
    assertThat(late.sentence())
        .isEqualTo("DEADLINE_EXCEEDED: us.cbp did not answer before the deadline");

    CheckAnswerView refused =
        CheckAnswerView.of(
            PartnerCheckAnswer.newBuilder()
                .setPartnerAgency("us.cbp")
                .setAgreementId("cbp-ice")
                .setStatus(PartnerAnswer.Status.REFUSED)
                .setReason(Reason.PURPOSE_NOT_PERMITTED)
                .setAnswer(
                    TargetCheckAnswer.newBuilder()
                        .setRefusal(
                            Refusal.newBuilder()
                                .setReason(Reason.PURPOSE_NOT_PERMITTED)
                                .setClause("deconfliction.target")
                                .setMessage("no target de-confliction")))
                .build());
    assertThat(refused.status()).isEqualTo("REFUSED");
    assertThat(refused.sentence())
        .isEqualTo(
            "PURPOSE_NOT_PERMITTED under cbp-ice, clause deconfliction.target: no target"
                + " de-confliction");

    CheckAnswerView eventRefused =
        CheckAnswerView.of(
            EventCheckAnswer.newBuilder()
                .setPartnerAgency("us.cbp")
                .setStatus(PartnerAnswer.Status.REFUSED)
                .setReason(Reason.PURPOSE_NOT_PERMITTED)
                .setMessage("no event de-confliction")
                .build());
    assertThat(eventRefused.sentence()).isEqualTo("PURPOSE_NOT_PERMITTED: no event de-confliction");
  }
}

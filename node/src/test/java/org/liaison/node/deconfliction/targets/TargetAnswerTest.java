package org.liaison.node.deconfliction.targets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.liaison.node.deconfliction.matching.MatchFanOut;
import org.liaison.node.partners.PartnerAgreement;
import org.liaison.wire.v1.ConfirmedConflict;
import org.liaison.wire.v1.PartnerAnswer;
import org.liaison.wire.v1.PartnerCheckAnswer;
import org.liaison.wire.v1.PointOfContact;

/** A partner's outcome of a target check, as the officer receives it. */
class TargetAnswerTest {
  private static final PartnerAgreement PARTNER = new PartnerAgreement("us.dea", "ice-dea-2024");

  @Test
  void aConfirmedConflict_isAConflict_withThePartnersPointOfContactAndAlerts() {
    ConfirmedConflict conflict =
        ConfirmedConflict.newBuilder()
            .setCaseReference("DEA-7")
            .setAlertRecorded(true)
            .setPointOfContact(PointOfContact.newBuilder().setName("SA Ruiz"))
            .build();

    PartnerCheckAnswer a =
        TargetCheck.toAnswer(new MatchFanOut.Outcome(PARTNER, List.of(conflict), null, 12));

    assertThat(a.getStatus()).isEqualTo(PartnerAnswer.Status.MATCH);
    assertThat(a.getPartnerAgency()).isEqualTo("us.dea");
    assertThat(a.getAnswer().getConflict()).isTrue();
    assertThat(a.getAnswer().getConflictsList()).hasSize(1);
    var c = a.getAnswer().getConflicts(0);
    assertThat(c.getCaseReference()).isEqualTo("DEA-7");
    assertThat(c.getAlertRecordedByPartner()).isTrue();
    assertThat(c.getAlertRecordedHere()).isFalse();
    assertThat(c.getPointOfContact().getAgency()).isEqualTo("us.dea");
    assertThat(c.getPointOfContact().getName()).isEqualTo("SA Ruiz");
  }

  @Test
  void noConflict_isNoMatch_andNoConflictAnswer() {
    PartnerCheckAnswer a =
        TargetCheck.toAnswer(new MatchFanOut.Outcome(PARTNER, List.of(), null, 3));

    assertThat(a.getStatus()).isEqualTo(PartnerAnswer.Status.NO_MATCH);
    assertThat(a.getAnswer().getConflict()).isFalse();
    assertThat(a.getAnswer().getConflictsList()).isEmpty();
  }
}

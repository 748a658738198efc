package org.liaison.node.deconfliction.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.liaison.node.deconfliction.matching.MatchFanOut;
import org.liaison.node.federation.ExchangeFailure;
import org.liaison.node.partners.PartnerAgreement;
import org.liaison.wire.v1.ConfirmedConflict;
import org.liaison.wire.v1.EventCheckAnswer;
import org.liaison.wire.v1.PartnerAnswer;
import org.liaison.wire.v1.PointOfContact;
import org.liaison.wire.v1.Reason;

/** A partner's outcome of an operation check, as the officer receives it. */
class OperationAnswerTest {
  private static final PartnerAgreement PARTNER = new PartnerAgreement("us.dea", "ice-dea-2024");

  @Test
  void aConfirmedConflict_isAMatch_withThePartnersPointOfContact() {
    ConfirmedConflict conflict =
        ConfirmedConflict.newBuilder()
            .setCaseReference("DEA-7")
            .setPointOfContact(PointOfContact.newBuilder().setName("SA Ruiz"))
            .build();

    EventCheckAnswer a =
        OperationPlanner.toAnswer(
            "op-1", new MatchFanOut.Outcome(PARTNER, List.of(conflict), null, 12));

    assertThat(a.getStatus()).isEqualTo(PartnerAnswer.Status.MATCH);
    assertThat(a.getReason()).isEqualTo(Reason.REASON_UNSPECIFIED);
    assertThat(a.getMessage()).isEmpty();
    assertThat(a.getOperationId()).isEqualTo("op-1");
    assertThat(a.getAgreementId()).isEqualTo("ice-dea-2024");
    assertThat(a.getLatencyMs()).isEqualTo(12);
    assertThat(a.getConflictsList()).hasSize(1);
    assertThat(a.getConflicts(0).getPointOfContact().getAgency()).isEqualTo("us.dea");
    assertThat(a.getConflicts(0).getPointOfContact().getName()).isEqualTo("SA Ruiz");
  }

  @Test
  void noConflict_isNoMatch() {
    EventCheckAnswer a =
        OperationPlanner.toAnswer("op-1", new MatchFanOut.Outcome(PARTNER, List.of(), null, 3));

    assertThat(a.getStatus()).isEqualTo(PartnerAnswer.Status.NO_MATCH);
    assertThat(a.getReason()).isEqualTo(Reason.REASON_UNSPECIFIED);
    assertThat(a.getConflictsList()).isEmpty();
  }

  @Test
  void aFailure_givesItsStatusReasonAndSentence_andNoConflict() {
    ExchangeFailure failure =
        new ExchangeFailure(
            PartnerAnswer.Status.DEADLINE_EXCEEDED,
            Reason.DEADLINE_EXCEEDED,
            "us.dea did not answer in time");

    EventCheckAnswer a =
        OperationPlanner.toAnswer(
            "op-1", new MatchFanOut.Outcome(PARTNER, List.of(), failure, 900));

    assertThat(a.getStatus()).isEqualTo(PartnerAnswer.Status.DEADLINE_EXCEEDED);
    assertThat(a.getReason()).isEqualTo(Reason.DEADLINE_EXCEEDED);
    assertThat(a.getMessage()).isEqualTo("us.dea did not answer in time");
    assertThat(a.getConflictsList()).isEmpty();
  }
}

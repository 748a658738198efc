package org.liaison.node.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liaison.node.consent.ConsentLedger;
import org.liaison.node.records.ImportService;
import org.liaison.node.workflow.consent.ConsentHandler;
import org.liaison.node.workflow.delivery.WorkflowMessages;
import org.liaison.node.workflow.rfi.RfiHandler;
import org.liaison.node.workflow.rfi.RfiService;
import org.liaison.wire.v1.ConsentAnswer;
import org.liaison.wire.v1.ConsentMessage;
import org.liaison.wire.v1.InfoAnswer;
import org.liaison.wire.v1.InfoRequest;
import org.liaison.wire.v1.RfiMessage;
import org.liaison.wire.v1.Tier;
import org.liaison.wire.v1.WorkflowAnswer;
import org.liaison.wire.v1.WorkflowDecision;
import org.liaison.wire.v1.WorkflowKind;
import org.liaison.wire.v1.WorkflowSide;
import org.liaison.wire.v1.WorkflowState;

/** The us.dea node answers ICE's requests from its own records, as dea-ice-xdes-2009 allows. */
@QuarkusTest
@TestProfile(DeaNodeProfile.class)
class RfiAnswerAndAutoConsentTest {
  @Inject ImportService imports;
  @Inject RfiHandler handler;
  @Inject RfiService rfi;
  @Inject WorkflowEngine engine;
  @Inject ConsentLedger ledger;
  @Inject ConsentHandler consentHandler;

  @BeforeEach
  void records() {
    imports.importLine(
        1,
        "{\"kind\":\"case\",\"caseNumber\":\"DEA-WF-1\",\"agency\":\"us.dea\",\"agent\":{\"name\":\"SA Maria Alvarez\","
            + "\"phone\":\"+1 305 555 0111\"},\"crimeCategories\":[\"NARCOTICS\"],\"status\":\"ACTIVE\"}");
    imports.importLine(
        2,
        "{\"kind\":\"record\",\"id\":\"dea-wf-roi-1\",\"case\":\"DEA-WF-1\",\"category\":\"ROI\",\"subjects\":[{\"id\":\"dea-wf-s-1\","
            + "\"type\":\"PERSON\",\"name\":\"Luis Rojas\"}],\"fields\":{\"summary\":\"stash house\"},\"tlp\":\"AMBER\","
            + "\"handling\":\"H0\",\"evaluation\":\"B2\"}");
    imports.importLine(
        3,
        "{\"kind\":\"record\",\"id\":\"dea-wf-from-ice-1\",\"case\":\"DEA-WF-1\",\"category\":\"ROI\",\"originator\":\"us.ice\","
            + "\"subjects\":[\"dea-wf-s-1\"],\"fields\":{\"summary\":\"from ICE\"},\"tlp\":\"AMBER\",\"handling\":\"H2\",\"evaluation\":\"B2\"}");
  }

  @Test
  void approve_disclosesOnlyWhatTheAgreementAllows_andMoreCannotBeApproved() throws Exception {
    String id = received("dea-wf-roi-1");

    assertThatThrownBy(
            () ->
                rfi.answer(
                    answer(id, WorkflowDecision.APPROVE_IN_PART).addFields("summary").build(),
                    "gs"))
        .isInstanceOfSatisfying(
            WorkflowException.class,
            e -> {
              assertThat(e.code()).isEqualTo(Status.Code.FAILED_PRECONDITION);
              assertThat(e.getMessage())
                  .contains("[summary]")
                  .contains("dea-ice-xdes-2009")
                  .contains("approvable: []");
            });
    assertThatThrownBy(() -> rfi.answer(answer(id, WorkflowDecision.DECLINE).build(), "gs"))
        .hasMessageContaining("reason");
    assertThat(engine.require(id).state).isEqualTo(WorkflowState.AWAITING_ANSWER);

    Workflow w = rfi.answer(answer(id, WorkflowDecision.APPROVE).build(), "gs");

    assertThat(w.state).isEqualTo(WorkflowState.APPROVED);
    InfoAnswer sent = WorkflowMessages.decode(InfoAnswer.parser(), w.answerB64);
    // dea-ice-xdes-2009 shares ROI at POINTER: who to call, no content
    assertThat(sent.getDisclosure().getTier()).isEqualTo(Tier.POINTER);
    assertThat(sent.getDisclosure().getFieldsMap()).isEmpty();
    assertThat(sent.getDisclosure().getCaseReference()).isEqualTo("DEA-WF-1");
    assertThat(sent.getDisclosure().getPointOfContact().getName()).isEqualTo("SA Maria Alvarez");
  }

  @Test
  void approveWithConditions_sendsThemWithTheRecordAsACaveat() throws Exception {
    String id = received("dea-wf-roi-1");

    Workflow w =
        rfi.answer(
            answer(id, WorkflowDecision.APPROVE).setConditions("for DEA-WF-1 only").build(), "gs");

    InfoAnswer sent = WorkflowMessages.decode(InfoAnswer.parser(), w.answerB64);
    assertThat(sent.getDisclosure().getCaveatsList())
        .contains("CONDITIONS:us.dea=\"for DEA-WF-1 only\"");
  }

  @Test
  void theOriginatorsGrantWithConditions_becomesTheCaveatOfEveryDisclosureItAllows()
      throws Exception {
    imports.importLine(
        4,
        "{\"kind\":\"record\",\"id\":\"dea-wf-from-ice-2\",\"case\":\"DEA-WF-1\",\"category\":\"ROI\",\"originator\":\"us.ice\","
            + "\"subjects\":[\"dea-wf-s-1\"],\"fields\":{\"summary\":\"from ICE\"},\"tlp\":\"AMBER\",\"handling\":\"H2\",\"evaluation\":\"B2\"}");
    assertThat(ledger.granted("dea-wf-from-ice-2", "us.cbp")).isFalse(); // asks us.ice
    assertThat(ledger.grantCaveats("dea-wf-from-ice-2", "us.cbp")).isEmpty();
    Workflow asked =
        engine.list(WorkflowKind.CONSENT, "us.ice", false).stream()
            .filter(w -> "dea-wf-from-ice-2".equals(w.recordRef))
            .findFirst()
            .orElseThrow();

    consentHandler.handle(
        Inbound.from(
            "us.ice",
            "dea-ice-xdes-2009",
            "NARCOTICS",
            ConsentMessage.newBuilder()
                .setStep(WorkflowEngine.step(asked.workflowId, "sa-ice"))
                .setAnswer(
                    ConsentAnswer.newBuilder()
                        .setDecision(WorkflowDecision.GRANT)
                        .setConditions("analytical use only"))
                .build()));

    assertThat(ledger.granted("dea-wf-from-ice-2", "us.cbp")).isTrue();
    assertThat(ledger.grantCaveats("dea-wf-from-ice-2", "us.cbp"))
        .containsExactly("CONDITIONS:us.ice=\"analytical use only\"");
    // only for the agency it was granted for
    assertThat(ledger.grantCaveats("dea-wf-from-ice-2", "ru.skr")).isEmpty();
  }

  @Test
  void approvingARecordNotHeld_isNotFound() throws Exception {
    String id = received("dea-wf-no-such-record");
    assertThatThrownBy(() -> rfi.answer(answer(id, WorkflowDecision.APPROVE).build(), "gs"))
        .isInstanceOfSatisfying(
            WorkflowException.class, e -> assertThat(e.code()).isEqualTo(Status.Code.NOT_FOUND));
  }

  @Test
  void thirdPartyRecordWithoutConsent_startsOneConsentRequestToItsOriginator() {
    assertThat(ledger.granted("dea-wf-from-ice-1", "us.cbp")).isFalse();
    assertThat(ledger.granted("dea-wf-from-ice-1", "us.cbp")).isFalse();
    assertThat(ledger.granted("dea-wf-roi-1", "us.cbp")).isFalse();

    List<Workflow> asked =
        engine.list(WorkflowKind.CONSENT, "us.ice", false).stream()
            .filter(w -> "dea-wf-from-ice-1".equals(w.recordRef))
            .toList();
    assertThat(asked)
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.side).isEqualTo(WorkflowSide.REQUESTER);
              assertThat(w.thirdAgency).isEqualTo("us.cbp");
              assertThat(w.scope.agreementId()).isEqualTo("dea-ice-xdes-2009");
              assertThat(w.state).isEqualTo(WorkflowState.PENDING_DELIVERY);
            });
    assertThat(engine.list(WorkflowKind.CONSENT, null, false))
        .noneMatch(w -> "dea-wf-roi-1".equals(w.recordRef));
  }

  private String received(String recordId) throws Exception {
    String id = WorkflowEngine.newWorkflowId();
    handler.handle(
        Inbound.from(
            "us.ice",
            "dea-ice-xdes-2009",
            "NARCOTICS",
            RfiMessage.newBuilder()
                .setStep(WorkflowEngine.step(id, "sa-ice"))
                .setRequest(
                    InfoRequest.newBuilder().setRecordId(recordId).setJustification("full record"))
                .build()));
    return id;
  }

  private static WorkflowAnswer.Builder answer(String id, WorkflowDecision d) {
    return WorkflowAnswer.newBuilder().setWorkflowId(id).setDecision(d);
  }
}

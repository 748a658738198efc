package org.liaison.node.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liaison.node.records.ImportService;
import org.liaison.node.workflow.consent.ConsentHandler;
import org.liaison.wire.v1.ConsentAsk;
import org.liaison.wire.v1.ConsentMessage;
import org.liaison.wire.v1.Reason;
import org.liaison.wire.v1.WorkflowAck;
import org.liaison.wire.v1.WorkflowKind;

/**
 * us.dea as the holder asked by us.ice for an originator's consent: an ask is accepted only for a
 * record this node withholds from ICE for lack of consent, and says the same whatever else it is.
 */
@QuarkusTest
@TestProfile(DeaNodeProfile.class)
class ConsentAskTest {
  @Inject ImportService imports;
  @Inject ConsentHandler handler;
  @Inject WorkflowEngine engine;

  @BeforeEach
  void records() {
    imports.importLine(
        1,
        "{\"kind\":\"case\",\"caseNumber\":\"DEA-ASK-1\",\"agency\":\"us.dea\",\"agent\":{\"name\":\"SA Maria Alvarez\","
            + "\"phone\":\"+1 305 555 0111\"},\"crimeCategories\":[\"NARCOTICS\"],\"status\":\"ACTIVE\"}");
    imports.importLine(
        2,
        "{\"kind\":\"record\",\"id\":\"dea-ask-own\",\"case\":\"DEA-ASK-1\",\"category\":\"ROI\",\"subjects\":[{\"id\":\"dea-ask-s-1\","
            + "\"type\":\"PERSON\",\"name\":\"Luis Rojas\"}],\"fields\":{\"summary\":\"stash house\"},\"tlp\":\"AMBER\","
            + "\"handling\":\"H0\",\"evaluation\":\"B2\"}");
    imports.importLine(
        3,
        "{\"kind\":\"record\",\"id\":\"dea-ask-from-ice\",\"case\":\"DEA-ASK-1\",\"category\":\"ROI\",\"originator\":\"us.ice\","
            + "\"subjects\":[\"dea-ask-s-1\"],\"fields\":{\"summary\":\"from ICE\"},\"tlp\":\"AMBER\",\"handling\":\"H2\",\"evaluation\":\"B2\"}");
    imports.importLine(
        4,
        "{\"kind\":\"record\",\"id\":\"dea-ask-from-cbp\",\"case\":\"DEA-ASK-1\",\"category\":\"ROI\",\"originator\":\"us.cbp\","
            + "\"subjects\":[\"dea-ask-s-1\"],\"fields\":{\"summary\":\"from CBP\"},\"tlp\":\"AMBER\",\"handling\":\"H2\",\"evaluation\":\"B2\"}");
  }

  @Test
  void anAskForARecordNotWithheld_isRefusedWithOneSentence_whateverTheRecordIs() throws Exception {
    for (String record : new String[] {"dea-ask-own", "dea-ask-from-ice", "dea-ask-unknown"}) {
      WorkflowAck ack = ask(record);
      assertThat(ack.getRefusal().getReason())
          .as(record)
          .isEqualTo(Reason.NOT_WITHHELD_FOR_CONSENT);
      assertThat(ack.getRefusal().getMessage())
          .isEqualTo(
              "us.dea withholds no record "
                  + record
                  + " from us.ice for lack of its originator's consent; ask again with the record"
                  + " id a withheld answer named");
    }
    assertThat(engine.list(WorkflowKind.CONSENT, "us.ice", false))
        .noneMatch(w -> w.recordRef.startsWith("dea-ask-"));
  }

  @Test
  void anAskTheHolderCannotPassOn_isRefusedWithTheReason_andRecordsNothing() throws Exception {
    // CBP's record needs CBP's consent to reach ICE, but us.dea has no agreement with CBP to ask it
    WorkflowAck ack = ask("dea-ask-from-cbp");
    assertThat(ack.getRefusal().getReason()).isEqualTo(Reason.NO_AGREEMENT);
    assertThat(ack.getRefusal().getMessage())
        .isEqualTo("us.dea has no agreement in force with us.cbp");
    assertThat(engine.list(WorkflowKind.CONSENT, null, false))
        .noneMatch(w -> "dea-ask-from-cbp".equals(w.recordRef));
  }

  private WorkflowAck ask(String record) throws Exception {
    String id = WorkflowEngine.newWorkflowId();
    return (WorkflowAck)
        handler.handle(
            Inbound.from(
                "us.ice",
                "dea-ice-xdes-2009",
                "NARCOTICS",
                ConsentMessage.newBuilder()
                    .setStep(WorkflowEngine.step(id, "sa-ice"))
                    .setAsk(ConsentAsk.newBuilder().setRecordId(record).setJustification("lead"))
                    .build()));
  }
}

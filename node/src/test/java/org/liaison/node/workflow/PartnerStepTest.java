package org.liaison.node.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.liaison.node.federation.ExchangeScope;
import org.liaison.node.federation.InboundRequest;
import org.liaison.wire.v1.WorkflowStep;

/** A step a partner took is recorded with its time and its officer, named under its agency. */
class PartnerStepTest {
  @Test
  void aPartnersStep_carriesThePartnersTime_andItsAgencyAndOfficer() {
    InboundRequest r =
        new InboundRequest(
            new ExchangeScope("us.dea", "dea-ice", "INFORMATION_REQUEST", "C-1"),
            "dea-node-1",
            "officer-7",
            "m-1",
            "liaison.v1.RfiMessage",
            new byte[0]);
    WorkflowStep step =
        WorkflowStep.newBuilder()
            .setWorkflowId("w-1")
            .setOfficer("officer-7")
            .setAtEpochMs(1_700_000_000_000L)
            .build();
    Instant here = Instant.parse("2026-12-06T23:00:00Z");

    Step s = Step.byPartner(Step.RECEIVED, here, r, step, "asked for fields");

    assertThat(s)
        .isEqualTo(
            new Step(
                "RECEIVED",
                here,
                Instant.ofEpochMilli(1_700_000_000_000L),
                "us.dea/officer-7",
                "asked for fields"));
  }
}

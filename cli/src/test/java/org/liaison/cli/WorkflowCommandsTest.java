package org.liaison.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.liaison.wire.text.GrantConditions;
import org.liaison.wire.v1.Disclosure;
import org.liaison.wire.v1.Tier;
import org.liaison.wire.v1.WorkflowItem;
import org.liaison.wire.v1.WorkflowKind;
import org.liaison.wire.v1.WorkflowSide;
import org.liaison.wire.v1.WorkflowState;
import org.liaison.wire.v1.WorkflowStepRecord;

class WorkflowCommandsTest {

  @Test
  void help_everyWorkflowCommandDescribesItsOptions() {
    assertThat(CliRun.of("--help").out())
        .contains("request", "consent", "feedback", "designation", "report");
    assertThat(CliRun.of("request", "send", "--help").out())
        .contains("--partner", "--record", "--purpose", "--justification", "--field", "--json");
    assertThat(CliRun.of("request", "approve", "--help").out())
        .contains("--field", "approve only those fields");
    assertThat(CliRun.of("request", "decline", "--help").out()).contains("--reason");
    assertThat(CliRun.of("request", "list", "--help").out()).contains("--awaiting");
    assertThat(CliRun.of("consent", "request", "--help").out())
        .contains("--record", "--for", "--holder");
    assertThat(CliRun.of("consent", "grant", "--help").out()).contains("--conditions");
    assertThat(CliRun.of("consent", "refuse", "--help").out()).contains("--reason");
    assertThat(CliRun.of("consent", "list", "--help").exit()).isZero();
    assertThat(CliRun.of("feedback", "record", "--help").out())
        .contains("--result", "SEIZURE", "--disclosure");
    assertThat(CliRun.of("feedback", "duties", "--help").exit()).isZero();
    assertThat(CliRun.of("feedback", "list", "--help").exit()).isZero();
    assertThat(CliRun.of("designation", "request", "--help").out()).contains("--agent");
    assertThat(CliRun.of("designation", "approve", "--help").exit()).isZero();
    assertThat(CliRun.of("designation", "decline", "--help").out()).contains("--reason");
    assertThat(CliRun.of("designation", "list", "--help").out()).contains("processing times");
    assertThat(CliRun.of("report", "timeliness", "--help").out())
        .contains("90th percentile", "--json");
  }

  @Test
  void aCommandGroupAlone_showsItsUsage() {
    for (String group :
        new String[] {
          "request", "consent", "designation", "feedback", "report", "audit", "backup", "operation"
        }) {
      CliRun run = CliRun.of(group);
      assertThat(run.exit()).as(group).isZero();
      assertThat(run.out()).as(group).startsWith("Usage: liaison " + group).contains("Commands:");
    }
  }

  @Test
  void missingRequiredOptionOrBadResult_isAUsageError() {
    CliRun noReason = CliRun.of("request", "decline", "some-id");
    assertThat(noReason.exit()).isEqualTo(2);
    assertThat(noReason.err()).contains("--reason");

    CliRun badResult =
        CliRun.of("feedback", "record", "--record", "r-1", "--result", "PARKING_TICKET");
    assertThat(badResult.exit()).isEqualTo(2);
    assertThat(badResult.err()).contains("SEIZURE");
  }

  @Test
  void itemText_showsStateStepsAndDisclosedFields() {
    WorkflowItem item =
        WorkflowItem.newBuilder()
            .setWorkflowId("w-1")
            .setKind(WorkflowKind.INFORMATION_REQUEST)
            .setSide(WorkflowSide.REQUESTER)
            .setState(WorkflowState.APPROVED_IN_PART)
            .setPartnerAgency("us.cbp")
            .setAgreementId("cbp-ice-2005")
            .setRecordId("cbp-int-1")
            .setDueAt("2026-03-02T10:00:00Z")
            .setOverdueSince("2026-03-02T10:01:00Z")
            .setDisclosure(
                Disclosure.newBuilder()
                    .setTier(Tier.FULL)
                    .setRecordCategory("INTERDICTION")
                    .setRecordId("cbp-int-1")
                    .addCaveats("H2")
                    .addAllCaveats(GrantConditions.caveats("us.cbp", "analysis only"))
                    .putFields("kg", "40"))
            .addSteps(
                WorkflowStepRecord.newBuilder()
                    .setStep("REQUESTED")
                    .setAt("2026-03-01T10:00:00Z")
                    .setActor("sa"))
            .build();

    String text = WorkflowText.item(item);

    assertThat(text)
        .startsWith("w-1  INFORMATION_REQUEST  to us.cbp  APPROVED_IN_PART  record cbp-int-1")
        .contains("OVERDUE since 2026-03-02T10:01:00Z")
        .contains("agreement: cbp-ice-2005")
        .contains("disclosed: INTERDICTION record cbp-int-1 at tier FULL")
        .contains("  caveats: H2 CONDITIONS:us.cbp=\"analysis only\"\n")
        .contains("    kg: 40")
        .contains("2026-03-01T10:00:00Z  REQUESTED  sa");
    assertThat(Durations.text(850)).isEqualTo("850 ms");
    assertThat(Durations.text(185_000)).isEqualTo("3 min 5 s");
  }
}

package org.liaison.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liaison.wire.v1.IdentifierType;
import org.liaison.wire.v1.PartnerAnswer;
import org.liaison.wire.v1.PartnerCheckAnswer;
import org.liaison.wire.v1.PointOfContact;
import org.liaison.wire.v1.TargetCheckAnswer;
import org.liaison.wire.v1.TargetConflict;

class CheckCommandTest {

  @TempDir Path dir;
  OfficerServerFixture node;

  @BeforeEach
  void start() throws Exception {
    node = new OfficerServerFixture(dir);
    node.officer.checkAnswers =
        List.of(
            PartnerCheckAnswer.newBuilder()
                .setPartnerAgency("us.dea")
                .setStatus(PartnerAnswer.Status.MATCH)
                .setAgreementId("dea-ice-xdes-2009")
                .setLatencyMs(8)
                .setAnswer(
                    TargetCheckAnswer.newBuilder()
                        .setConflict(true)
                        .addConflicts(
                            TargetConflict.newBuilder()
                                .setCaseReference("DEA-MIA-2024-0117")
                                .setPointOfContact(
                                    PointOfContact.newBuilder()
                                        .setAgency("us.dea")
                                        .setName("SA Maria Lopez")
                                        .setPhone("+1 305 555 0199"))))
                .build(),
            PartnerCheckAnswer.newBuilder()
                .setPartnerAgency("us.atf")
                .setStatus(PartnerAnswer.Status.NO_MATCH)
                .setAgreementId("ice-atf-2009")
                .setLatencyMs(5)
                .build());
  }

  @AfterEach
  void stop() throws Exception {
    node.close();
  }

  @Test
  void check_conflictShowsTheOtherSidesContactAndCase() {
    CliRun run =
        CliRun.of(
            node.connectAs("us.ice"),
            "check",
            "--phone",
            "+1 305 555 0142",
            "--case",
            "ICE-MIA-2024-0042");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("us.dea     CONFLICT", "agreement dea-ice-xdes-2009")
        .contains("case DEA-MIA-2024-0117, contact SA Maria Lopez, us.dea, +1 305 555 0199")
        .contains("us.atf     NO_CONFLICT")
        .contains("2 partners answered in", "1 conflict, 1 no conflict.");
    assertThat(node.officer.checks.get(0).getIdentifier().getType())
        .isEqualTo(IdentifierType.PHONE);
    assertThat(node.officer.checks.get(0).getCaseReference()).isEqualTo("ICE-MIA-2024-0042");
  }

  @Test
  void check_jsonPrintsOneLinePerPartner() {
    CliRun run = CliRun.of(node.connectAs("us.ice"), "check", "--wallet", "bc1qxy2k", "--json");

    assertThat(run.out().lines())
        .hasSize(2)
        .first()
        .asString()
        .startsWith("{\"partner_agency\":\"us.dea\",\"status\":\"MATCH\"")
        .contains("\"case_reference\":\"DEA-MIA-2024-0117\"");
  }

  @Test
  void check_withoutIdentifier_isAUsageError() {
    CliRun run = CliRun.of(node.connectAs("us.ice"), "check", "--case", "X");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("Say what to check");
    assertThat(node.officer.checks).isEmpty();
  }

  @Test
  void check_aPerson_sendsNameAndDateOfBirth_inTheScriptGiven() {
    CliRun run =
        CliRun.of(
            node.connectAs("us.ice"),
            "check",
            "--name",
            "Дмитрий Волков",
            "--dob",
            "1979-03-14",
            "--case",
            "ICE-HSI-2026-0417");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(node.officer.checks.get(0).hasIdentifier()).isFalse();
    assertThat(node.officer.checks.get(0).getPerson().getName()).isEqualTo("Дмитрий Волков");
    assertThat(node.officer.checks.get(0).getPerson().getDateOfBirth()).isEqualTo("1979-03-14");
  }

  @Test
  void check_aNameWithoutDateOfBirth_isAUsageErrorThatSaysWhy() {
    CliRun run = CliRun.of(node.connectAs("us.ice"), "check", "--name", "Volkov", "--case", "X");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("--dob").contains("common name");
    assertThat(node.officer.checks).isEmpty();
  }

  @Test
  void check_aPersonAndAnIdentifierAtOnce_isAUsageError() {
    CliRun run =
        CliRun.of(
            node.connectAs("us.ice"),
            "check",
            "--name",
            "Volkov",
            "--dob",
            "1979-03-14",
            "--phone",
            "+1 305 555 0142",
            "--case",
            "X");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("not both");
    assertThat(node.officer.checks).isEmpty();
  }
}

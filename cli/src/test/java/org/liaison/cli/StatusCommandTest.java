package org.liaison.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liaison.wire.v1.NodeStatus;
import org.liaison.wire.v1.PartnerStatus;

class StatusCommandTest {

  @TempDir Path dir;

  static final NodeStatus STATUS =
      NodeStatus.newBuilder()
          .setAgency("us.ice")
          .setNode("node-1")
          .setVersion("0.1.0")
          .setCases(3)
          .setRecords(12)
          .setIdentifiers(40)
          .setPendingChecks(2)
          .addPartners(
              PartnerStatus.newBuilder()
                  .setAgency("us.dea")
                  .setAgreementId("dea-ice-xdes-2009")
                  .setInForce(true))
          .addPartners(
              PartnerStatus.newBuilder()
                  .setAgency("ru.skr")
                  .setAgreementId("ice-skr-2010")
                  .setReason("AGREEMENT_EXPIRED"))
          .build();

  @Test
  void status_readable() throws Exception {
    try (OfficerServerFixture node = new OfficerServerFixture(dir)) {
      node.officer.status = STATUS;
      CliRun run = CliRun.of(node.connectAs("us.ice"), "status");

      assertThat(run.exit()).isZero();
      assertThat(run.out())
          .contains("Node node-1 of us.ice (version 0.1.0)")
          .contains("holds 3 cases, 12 records, 40 identifiers")
          .contains("2 cases or operations waiting for an automatic de-confliction check")
          .contains("us.dea     in force   dea-ice-xdes-2009")
          .contains("ru.skr     NOT in force ice-skr-2010 (AGREEMENT_EXPIRED)");
    }
  }

  @Test
  void status_json() throws Exception {
    try (OfficerServerFixture node = new OfficerServerFixture(dir)) {
      node.officer.status = STATUS;
      CliRun run = CliRun.of(node.connectAs("us.ice"), "status", "--json");

      assertThat(run.out().strip())
          .startsWith("{\"agency\":\"us.ice\",\"node\":\"node-1\"")
          .doesNotContain("\n");
    }
  }
}

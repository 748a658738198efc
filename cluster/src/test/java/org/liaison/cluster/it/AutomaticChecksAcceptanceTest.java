package org.liaison.cluster.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.liaison.cli.NodeClient;
import org.liaison.cluster.Federation;
import org.liaison.cluster.FederationTest;
import org.liaison.wire.v1.Alert;
import org.liaison.wire.v1.MatchKind;
import org.liaison.wire.v1.NodeStatus;

/**
 * Automatic target checks that nobody asked for in the moment: records seeded at a node's first
 * start are checked once the federation is up, and a check that could not reach a partner waits in
 * the database, across a restart, until the partner answers. Each test awaits the alerts of its own
 * pair of cases and acknowledges them, so they pass in any order.
 */
@FederationTest(
    agencies = {"us.ice", "ru.skr"},
    extraSeeds = {"ru.skr=/seeds/ru.skr-volkov.jsonl"})
class AutomaticChecksAcceptanceTest {
  private static final Duration PATIENCE = Duration.ofSeconds(120);

  @Test
  void seededRecords_areCheckedOnceTheFederationIsUp_withoutAnyImport(Federation f) {
    // SKR's seed holds Дмитрий Волков; ICE's holds Dmitriy Volkov, born the same day
    Alert skr = awaitAlert(f, "ru.skr", "SK-77-2026-0117", "ICE-HSI-2026-0417");
    assertThat(skr.getKind()).isEqualTo(MatchKind.TARGET);
    assertThat(skr.getPartnerAgency()).isEqualTo("us.ice");
    Alert ice = awaitAlert(f, "us.ice", "ICE-HSI-2026-0417", "SK-77-2026-0117");
    assertThat(ice.getPartnerCaseReference()).isEqualTo("SK-77-2026-0117");
    acknowledge(f, "ru.skr", skr);
    acknowledge(f, "us.ice", ice);
  }

  @Test
  void aCheckThePartnerCouldNotAnswer_waitsInTheDatabase_acrossARestart_untilItDoes(Federation f)
      throws IOException {
    f.node("ru.skr").stop();
    Path file = f.workDir().resolve("ice-new-case.jsonl");
    Files.writeString(
        file,
        String.join(
            "\n",
            "{\"kind\":\"case\",\"caseNumber\":\"ICE-HSI-2026-0999\",\"agency\":\"us.ice\","
                + "\"agent\":{\"name\":\"Special Agent Omar Reyes\",\"phone\":\"+1 305 555"
                + " 0999\"},\"crimeCategories\":[\"HUMAN_SMUGGLING\"],\"status\":\"ACTIVE\"}",
            "{\"kind\":\"subject\",\"id\":\"ice-s-0999-volkov\",\"case\":\"ICE-HSI-2026-0999\","
                + "\"type\":\"PERSON\",\"name\":\"Dmitrii Volkov\",\"dateOfBirth\":\"1979-03-14\"}"),
        StandardCharsets.UTF_8);
    Officers.Cli imported =
        Officers.cli(f.node("us.ice"), "import", file.toString(), "--no-progress");
    assertThat(imported.exit()).as(imported.out() + imported.err()).isZero();

    // SKR is down: the check waits, and says so
    assertThat(pendingChecks(f, "us.ice")).isPositive();
    Officers.Cli status = Officers.cli(f.node("us.ice"), "status");
    assertThat(status.out()).contains("waiting for an automatic de-confliction check");

    // the queue is on disk: a restart of ICE's node loses nothing
    f.node("us.ice").stop();
    Together.start(f.node("us.ice"), f.node("ru.skr"));

    Alert ice = awaitAlert(f, "us.ice", "ICE-HSI-2026-0999", "SK-77-2026-0117");
    assertThat(ice.getPartnerAgency()).isEqualTo("ru.skr");
    Alert skr = awaitAlert(f, "ru.skr", "SK-77-2026-0117", "ICE-HSI-2026-0999");
    assertThat(skr.getPartnerAgency()).isEqualTo("us.ice");
    assertThat(skr.getPartnerContact().getName()).isEqualTo("Special Agent Omar Reyes");
    awaitNoPendingChecks(f, "us.ice");
    acknowledge(f, "ru.skr", skr);
    acknowledge(f, "us.ice", ice);
  }

  private static long pendingChecks(Federation f, String agency) {
    try (NodeClient c = f.node(agency).client()) {
      NodeStatus s = c.status();
      return s.getPendingChecks();
    }
  }

  private static void awaitNoPendingChecks(Federation f, String agency) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (pendingChecks(f, agency) > 0) {
      assertThat(System.nanoTime()).as("checks still waiting at " + agency).isLessThan(deadline);
      Alerts.pause(100);
    }
  }

  private static Alert awaitAlert(
      Federation f, String agency, String caseReference, String partnerCaseReference) {
    return Alerts.awaitOne(
        f, agency, caseReference, partnerCaseReference, MatchKind.TARGET, PATIENCE);
  }

  private static void acknowledge(Federation f, String agency, Alert alert) {
    Alerts.acknowledge(f, agency, alert);
  }
}

package org.liaison.cluster.demo;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.liaison.cluster.Federation;
import org.liaison.cluster.OfficerQueries;
import org.liaison.wire.v1.Alert;
import org.liaison.wire.v1.EventCheckAnswer;
import org.liaison.wire.v1.MatchKind;
import org.liaison.wire.v1.PartnerAnswer;

/**
 * Case 6: DEA plans a search warrant in Miami for 06:00-09:00; ICE plans surveillance 300 m away
 * from 07:30. The overlap is found privately (event tokens through the OPRF) and confirmed by DEA's
 * node; both sides get an officer-safety alert.
 */
final class EventConflict implements DemoScenario {
  private static final ZoneOffset MIAMI = ZoneOffset.ofHours(-5);

  @Override
  public boolean run(Federation federation, Narrator say) {
    OffsetDateTime six = LocalDate.now(ZoneOffset.UTC).plusDays(2).atTime(6, 0).atOffset(MIAMI);
    say.step("DEA plans a search warrant at 1101 Brickell Ave, Miami, " + six + " to 09:00.");
    plan(
        federation,
        "us.dea",
        "DEA-MIA-2026-0142",
        "SEARCH_WARRANT",
        25.7617,
        -80.1918,
        six,
        six.plusHours(3));
    say.step("ICE plans surveillance 300 m north from 07:30.");
    List<EventCheckAnswer> answers =
        plan(
            federation,
            "us.ice",
            "ICE-MIA-2026-0311",
            "SURVEILLANCE",
            25.7644,
            -80.1918,
            six.plusMinutes(90),
            six.plusHours(5));
    for (EventCheckAnswer a : answers) {
      say.detail(
          a.getPartnerAgency()
              + ": "
              + a.getStatus()
              + (a.getMessage().isEmpty() ? "" : " (" + a.getMessage() + ")"));
    }
    boolean iceSees =
        answers.stream()
            .anyMatch(
                a ->
                    a.getPartnerAgency().equals("us.dea")
                        && a.getStatus() == PartnerAnswer.Status.MATCH);
    Alert atIce = awaitEventAlert(federation, "us.ice", "ICE-MIA-2026-0311");
    Alert atDea = awaitEventAlert(federation, "us.dea", "DEA-MIA-2026-0142");
    if (atIce != null) {
      say.detail("ICE alert: " + atIce.getMessage());
    }
    if (atDea != null) {
      say.detail("DEA alert: " + atDea.getMessage());
    }
    boolean ok = iceSees && atIce != null && atDea != null;
    say.verdict(
        ok,
        ok
            ? "both case agents got an officer-safety alert with the other's contact; neither learned the other's operation details."
            : "the overlapping operations were not both alerted.");
    return ok;
  }

  private static List<EventCheckAnswer> plan(
      Federation f,
      String agency,
      String caseRef,
      String type,
      double lat,
      double lon,
      OffsetDateTime from,
      OffsetDateTime to) {
    return OfficerQueries.plan(
        f.node(agency),
        OfficerQueries.operation(caseRef, type, lat, lon, 50, from, to, DemoRequests.DEADLINE_MS));
  }

  /**
   * Looks at the pending alerts without acknowledging them, so the officer still sees them in the
   * CLI.
   */
  private static Alert awaitEventAlert(Federation f, String agency, String caseRef) {
    return Waiting.until(
        Duration.ofSeconds(30),
        () ->
            f.node(agency).pendingAlerts(caseRef).stream()
                .filter(a -> a.getKind() == MatchKind.EVENT)
                .findFirst()
                .orElse(null));
  }
}

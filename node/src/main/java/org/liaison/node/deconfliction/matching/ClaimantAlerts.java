package org.liaison.node.deconfliction.matching;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.liaison.node.deconfliction.DeconflictionJournal;
import org.liaison.node.deconfliction.DeconflictionJournal.Event;
import org.liaison.node.deconfliction.DeconflictionJournal.Line;
import org.liaison.node.deconfliction.Messages;
import org.liaison.node.deconfliction.alerts.AlertOutbox;
import org.liaison.wire.v1.ConfirmedConflict;
import org.liaison.wire.v1.MatchKind;
import org.liaison.wire.v1.PointOfContact;

/**
 * What the asking side keeps of one partner's outcome of a target or event check: a failure and
 * each confirmed conflict go to the journal, and each conflict becomes an alert for the case's
 * agent (recorded once per conflict id, whichever side asked), the conflict then saying whether its
 * alert was recorded here.
 */
@ApplicationScoped
public class ClaimantAlerts {
  @Inject AlertOutbox alerts;
  @Inject DeconflictionJournal journal;

  public MatchFanOut.Outcome alerted(
      MatchKind kind, String caseReference, MatchFanOut.Outcome outcome) {
    String partner = outcome.partner().agency();
    if (outcome.failure() != null) {
      journal.record(
          new Line(
              Event.FAILED,
              kind,
              partner,
              caseReference,
              0,
              outcome.failure().reason() + ": " + outcome.failure().getMessage()));
    }
    List<ConfirmedConflict> alerted = new ArrayList<>();
    for (ConfirmedConflict c : outcome.conflicts()) {
      journal.record(
          new Line(
              Event.CONFLICT,
              kind,
              partner,
              caseReference,
              0,
              "with " + partner + " case " + c.getCaseReference()));
      PointOfContact theirs = c.getPointOfContact().toBuilder().setAgency(partner).build();
      AlertOutbox.Draft draft =
          new AlertOutbox.Draft(
              kind,
              caseReference,
              partner,
              c.getCaseReference(),
              theirs,
              0,
              Messages.alert(kind, caseReference, partner, c.getCaseReference(), theirs, 0),
              // the confirming node's id names both sides' holdings (for events, both operations
              // and windows), the same whichever side asked
              c.getConflictId());
      alerted.add(c.toBuilder().setAlertRecordedHere(alerts.recorded(draft)).build());
    }
    return new MatchFanOut.Outcome(
        outcome.partner(), alerted, outcome.failure(), outcome.latencyMs());
  }
}

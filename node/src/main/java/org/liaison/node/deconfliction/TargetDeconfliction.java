package org.liaison.node.deconfliction;

import com.google.protobuf.ByteString;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import org.liaison.node.config.NodeConfig;
import org.liaison.node.deconfliction.DeconflictionJournal.Event;
import org.liaison.node.partners.PartnerAgreement;
import org.liaison.wire.v1.ConfirmedConflict;
import org.liaison.wire.v1.MatchKind;
import org.liaison.wire.v1.PointOfContact;

/**
 * Target de-confliction of a set of inputs (one identifier on demand, or every target of a case
 * when it changes) with every partner whose agreement includes it. Each confirmed conflict alerts
 * this agency's case agent with the partner's contact and case reference.
 */
@ApplicationScoped
public class TargetDeconfliction {
  @Inject DeconflictionPartners partners;
  @Inject PrivateMatcher matcher;
  @Inject ActiveTargets targets;
  @Inject RequesterContact contacts;
  @Inject AlertOutbox alerts;
  @Inject DeconflictionJournal journal;
  @Inject NodeConfig config;
  @Inject DeconflictionTerms terms;

  public List<PartnerAgreement> partners() {
    return partners.forKind(MatchKind.TARGET);
  }

  /**
   * Checks every target of one of this agency's active cases with these partners; a closed or
   * unknown case is skipped.
   */
  public CompletableFuture<Void> checkCase(
      String caseNumber,
      String officerId,
      List<PartnerAgreement> partners,
      long deadlineMs,
      Consumer<MatchFanOut.Outcome> sink) {
    List<PartnerAgreement> with =
        partners.stream().filter(p -> !inputsOf(caseNumber, p).isEmpty()).toList();
    if (with.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    return check(p -> inputsOf(caseNumber, p), caseNumber, officerId, with, deadlineMs, sink);
  }

  /**
   * A case's targets are checked with a partner only if the agreement covers its crime categories.
   */
  private Set<ByteString> inputsOf(String caseNumber, PartnerAgreement p) {
    return targets.ofCase(caseNumber, terms.crimeCategories(p.agreementId()));
  }

  /** Checks the inputs with the given partners; alerts are recorded for {@code caseReference}. */
  public CompletableFuture<Void> check(
      Function<PartnerAgreement, Set<ByteString>> inputs,
      String caseReference,
      String officerId,
      List<PartnerAgreement> with,
      long deadlineMs,
      Consumer<MatchFanOut.Outcome> sink) {
    PointOfContact me = contacts.forCase(caseReference, officerId);
    PrivateMatcher.Claimant who = new PrivateMatcher.Claimant(caseReference, me, officerId, null);
    return MatchFanOut.run(
        with,
        p -> matcher.match(p, MatchKind.TARGET, inputs.apply(p), who, deadlineMs),
        deadlineMs,
        outcome -> {
          if (outcome.failure() != null) {
            journal.record(
                Event.FAILED,
                MatchKind.TARGET,
                outcome.partner().agency(),
                caseReference,
                0,
                outcome.failure().reason() + ": " + outcome.failure().getMessage());
          }
          List<ConfirmedConflict> alerted = new ArrayList<>();
          for (ConfirmedConflict c : outcome.conflicts()) {
            String partner = outcome.partner().agency();
            journal.record(
                Event.CONFLICT,
                MatchKind.TARGET,
                partner,
                caseReference,
                0,
                "with " + partner + " case " + c.getCaseReference());
            PointOfContact theirs = c.getPointOfContact().toBuilder().setAgency(partner).build();
            AlertOutbox.Draft draft =
                new AlertOutbox.Draft(
                    MatchKind.TARGET,
                    caseReference,
                    partner,
                    c.getCaseReference(),
                    theirs,
                    0,
                    Messages.alert(
                        MatchKind.TARGET, caseReference, partner, c.getCaseReference(), theirs, 0),
                    c.getConflictId());
            alerted.add(c.toBuilder().setAlertRecordedHere(recorded(draft)).build());
          }
          sink.accept(
              new MatchFanOut.Outcome(
                  outcome.partner(), alerted, outcome.failure(), outcome.latencyMs()));
        });
  }

  /** Records the alert (or finds it recorded already); false when it could not be recorded. */
  private boolean recorded(AlertOutbox.Draft draft) {
    try {
      alerts.record(draft);
      return true;
    } catch (RuntimeException e) {
      journal.record(
          Event.FAILED,
          draft.kind(),
          draft.partnerAgency(),
          draft.caseReference(),
          0,
          "alert not recorded: " + e.getMessage());
      return false;
    }
  }
}

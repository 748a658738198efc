package org.liaison.node.deconfliction.targets;

import com.google.protobuf.ByteString;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.liaison.node.config.NodeConfig;
import org.liaison.node.deconfliction.DeconflictionPartners;
import org.liaison.node.deconfliction.DeconflictionTerms;
import org.liaison.node.deconfliction.alerts.RequesterContact;
import org.liaison.node.deconfliction.matching.ClaimantAlerts;
import org.liaison.node.deconfliction.matching.MatchFanOut;
import org.liaison.node.deconfliction.matching.PrivateMatcher;
import org.liaison.node.partners.PartnerAgreement;
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
  @Inject ClaimantAlerts claimantAlerts;
  @Inject NodeConfig config;
  @Inject DeconflictionTerms terms;
  @Inject CheckMarks marks;

  public List<PartnerAgreement> partners() {
    return partners.forKind(MatchKind.TARGET);
  }

  /** Subjects whose targets go to a partner in one round (then split into probe batches). */
  static final int SLICE_SUBJECTS = 1000;

  /**
   * Checks the targets of one of this agency's active cases that each partner has not answered for
   * yet ({@link CheckMarks}): in rounds of {@link #SLICE_SUBJECTS} subjects, all partners in
   * parallel, each partner's mark advancing after every round it answered. A partner that fails a
   * round (down, slow, over its quota) stops there and resumes from its mark when asked again; a
   * closed or unknown case is skipped. Blocks until done.
   */
  public void checkCase(
      String caseNumber,
      String officerId,
      List<PartnerAgreement> partners,
      long deadlineMs,
      Consumer<MatchFanOut.Outcome> sink) {
    Map<PartnerAgreement, Long> position = new LinkedHashMap<>();
    for (PartnerAgreement p : partners) {
      CheckMarks.Mark m = marks.get(p.agency(), caseNumber);
      String scopeKey = targets.scopeKey(caseNumber, scope(p));
      if (scopeKey.isEmpty() && m.through() > 0) {
        // closed or out of scope: when it is active again, it is checked whole again (partners'
        // targets added meanwhile never met it in this node's filter)
        marks.advance(p.agency(), caseNumber, "", 0);
      }
      position.put(p, scopeKey.equals(m.scopeKey()) ? m.through() : 0);
    }
    while (!position.isEmpty()) {
      Map<PartnerAgreement, ActiveTargets.Slice> round = new LinkedHashMap<>();
      for (Map.Entry<PartnerAgreement, Long> e : position.entrySet()) {
        ActiveTargets.Slice slice =
            targets.ofCaseAfter(caseNumber, scope(e.getKey()), e.getValue(), SLICE_SUBJECTS);
        if (slice.through() > e.getValue()) {
          round.put(e.getKey(), slice);
        }
      }
      position.keySet().retainAll(round.keySet());
      if (round.isEmpty()) {
        return;
      }
      Set<PartnerAgreement> answered = ConcurrentHashMap.newKeySet();
      check(
              p -> round.get(p).inputs(),
              caseNumber,
              officerId,
              List.copyOf(round.keySet()),
              deadlineMs,
              outcome -> {
                if (outcome.failure() == null) {
                  answered.add(outcome.partner());
                }
                sink.accept(outcome);
              })
          .join();
      for (Map.Entry<PartnerAgreement, ActiveTargets.Slice> e : round.entrySet()) {
        if (answered.contains(e.getKey())) {
          ActiveTargets.Slice slice = e.getValue();
          marks.advance(e.getKey().agency(), caseNumber, slice.scopeKey(), slice.through());
          position.put(e.getKey(), slice.through());
        } else {
          position.remove(e.getKey());
        }
      }
    }
  }

  private Set<String> scope(PartnerAgreement p) {
    return terms.crimeCategories(p.agreementId());
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
        outcome -> sink.accept(claimantAlerts.alerted(MatchKind.TARGET, caseReference, outcome)));
  }
}

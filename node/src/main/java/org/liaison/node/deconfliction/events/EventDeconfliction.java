package org.liaison.node.deconfliction.events;

import com.google.protobuf.ByteString;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.liaison.node.deconfliction.DeconflictionPartners;
import org.liaison.node.deconfliction.DeconflictionTerms;
import org.liaison.node.deconfliction.matching.ClaimantAlerts;
import org.liaison.node.deconfliction.matching.MatchFanOut;
import org.liaison.node.deconfliction.matching.MatchInputs;
import org.liaison.node.deconfliction.matching.PrivateMatcher;
import org.liaison.node.partners.PartnerAgreement;
import org.liaison.wire.geo.EventToken;
import org.liaison.wire.v1.MatchKind;

/**
 * Event de-confliction of one planned operation with every partner whose agreement includes it: its
 * tokens (grid cells x time buckets, widened by the buffers) are matched privately against each
 * partner's filter of its own operations' tokens; a hit is claimed with the PRF values alone (never
 * the operation's place or time, decision 0019) and the partner confirms which of its live
 * operations hold them. A conflict is an officer-safety alert for both case agents.
 */
@ApplicationScoped
public class EventDeconfliction {
  @Inject DeconflictionPartners partners;
  @Inject PrivateMatcher matcher;
  @Inject PlannedOperations operations;
  @Inject ClaimantAlerts claimantAlerts;
  @Inject DeconflictionTerms terms;
  @Inject OperationReferences references;

  /** The operation's tokens cut with this partner's agreement's buffers, as its filter was. */
  private Set<ByteString> inputs(PlannedOperations.Planned op, PartnerAgreement p) {
    Set<ByteString> inputs = new LinkedHashSet<>();
    for (EventToken t : terms.eventTokens(p.agreementId()).tokens(op.area())) {
      inputs.add(MatchInputs.event(t));
    }
    return inputs;
  }

  public List<PartnerAgreement> partners() {
    return partners.forKind(MatchKind.EVENT);
  }

  /** Checks a live operation of this agency; an unknown, finished or cancelled one is skipped. */
  public CompletableFuture<Void> checkOperation(
      String operationId,
      String officerId,
      List<PartnerAgreement> with,
      long deadlineMs,
      Consumer<MatchFanOut.Outcome> sink) {
    Optional<PlannedOperations.Planned> found = operations.byId(operationId);
    if (found.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    PlannedOperations.Planned op = found.get();
    // the claim names the operation only by an opaque reference: no place, radius or time
    PrivateMatcher.Claimant who =
        new PrivateMatcher.Claimant(op.caseNumber(), op.contact(), officerId, references.of(op));
    return MatchFanOut.run(
        with,
        p -> matcher.match(p, MatchKind.EVENT, inputs(op, p), who, deadlineMs),
        deadlineMs,
        outcome -> sink.accept(claimantAlerts.alerted(MatchKind.EVENT, op.caseNumber(), outcome)));
  }
}

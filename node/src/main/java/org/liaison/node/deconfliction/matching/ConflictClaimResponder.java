package org.liaison.node.deconfliction.matching;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.liaison.node.config.NodeConfig;
import org.liaison.node.deconfliction.DeconflictionJournal;
import org.liaison.node.deconfliction.DeconflictionJournal.Event;
import org.liaison.node.deconfliction.DeconflictionJournal.Line;
import org.liaison.node.deconfliction.DeconflictionResponder;
import org.liaison.node.deconfliction.Messages;
import org.liaison.node.deconfliction.PartnerRefusals;
import org.liaison.node.deconfliction.alerts.AlertOutbox;
import org.liaison.node.deconfliction.alerts.RequesterContact;
import org.liaison.node.deconfliction.events.OperationReferences;
import org.liaison.node.deconfliction.events.PlannedOperations;
import org.liaison.node.deconfliction.filters.HeldFilter;
import org.liaison.node.deconfliction.filters.HeldFilters;
import org.liaison.node.deconfliction.quotas.ProbeQuota;
import org.liaison.node.federation.InboundRequest;
import org.liaison.wire.v1.ConfirmedConflict;
import org.liaison.wire.v1.ConflictClaimAnswer;
import org.liaison.wire.v1.ConflictClaimRequest;
import org.liaison.wire.v1.MatchKind;
import org.liaison.wire.v1.PointOfContact;
import org.liaison.wire.v1.QuotaCount;
import org.liaison.wire.v1.Refusal;

/**
 * Confirms a partner's claim that some of its PRF values are in this node's filter: each value is
 * looked up among this node's current targets (for events, its live operations: a claim carries no
 * place or time of the claimant's, decision 0019). Every confirmed conflict alerts this node's own
 * case agent with the partner's point of contact and case reference, and is answered with this
 * node's, the conflict's id and that the alert is recorded here (it is, durably, before the answer
 * leaves). A claim for values this node does not hold confirms nothing and teaches it nothing.
 */
@ApplicationScoped
public class ConflictClaimResponder extends DeconflictionResponder<ConflictClaimRequest> {
  static final int MAX_CLAIM = 1000;

  @Inject HeldFilters filters;
  @Inject RequesterContact contacts;
  @Inject PlannedOperations operations;
  @Inject OperationReferences references;
  @Inject AlertOutbox alerts;
  @Inject DeconflictionJournal journal;
  @Inject ProbeQuota quota;
  @Inject NodeConfig config;

  public ConflictClaimResponder() {
    super(ConflictClaimRequest.getDefaultInstance(), ConflictClaimRequest::getKind);
  }

  @Override
  protected Message answer(InboundRequest r, ConflictClaimRequest q, MatchKind kind) {
    if (q.getPrfOutputsCount() == 0 || q.getPrfOutputsCount() > MAX_CLAIM) {
      return refusal(
          PartnerRefusals.invalid("a claim names between 1 and " + MAX_CLAIM + " PRF values"));
    }
    if (q.getRequesterCaseReference().isBlank() || q.getRequesterContact().getName().isBlank()) {
      return refusal(
          PartnerRefusals.invalid(
              "a claim must name the requester's case reference and point of contact"));
    }
    if (kind == MatchKind.EVENT && q.getOperationReference().isBlank()) {
      return refusal(
          PartnerRefusals.invalid("an event claim must name the requester's operation reference"));
    }
    HeldFilter held = filters.current(r.senderAgency(), r.agreementId(), kind);
    if (held.epoch != q.getEpoch()) {
      return refusal(
          PartnerRefusals.invalid(
              "the claim is for key epoch "
                  + q.getEpoch()
                  + " but this node's filter is for "
                  + held.epoch
                  + "; fetch the current filter and check again"));
    }
    // a claim is a probe too: repeated event claims could otherwise map where an operation is
    QuotaCount counted;
    try {
      counted = quota.consume(r, q.getPrfOutputsCount());
    } catch (ProbeQuota.Exceeded e) {
      return refusal(e.refusal());
    }
    Set<String> refs = new TreeSet<>();
    for (ByteString prf : q.getPrfOutputsList()) {
      refs.addAll(held.refsFor(prf));
    }
    PointOfContact requester =
        q.getRequesterContact().toBuilder().setAgency(r.senderAgency()).build();
    ConflictClaimAnswer.Builder answer = ConflictClaimAnswer.newBuilder().setQuota(counted);
    if (kind == MatchKind.TARGET) {
      for (String caseNumber : refs) {
        String conflictId =
            ConflictIds.between(
                "TARGET",
                List.of(r.senderAgency(), q.getRequesterCaseReference()),
                List.of(config.agency(), caseNumber));
        answer.addConflicts(
            confirm(r, q, requester, caseNumber, contacts.forCase(caseNumber, ""), conflictId));
      }
    } else {
      // the claimed values are PRF outputs of slots (cell x time bucket, widened by the
      // agreement's buffers) the claimant evaluated blind; each one held by a live operation here
      // is a conflict at the agreement's grid. The claimant's place and window never arrive.
      for (PlannedOperations.Planned p : operations.byIds(refs)) {
        // one conflict per pair of operations and windows: another operation is another alert
        String conflictId =
            ConflictIds.between(
                "EVENT",
                List.of(r.senderAgency(), q.getRequesterCaseReference(), q.getOperationReference()),
                List.of(config.agency(), p.caseNumber(), references.of(p)));
        // that they conflict and whom to call; never a distance (docs/security-model.md)
        answer.addConflicts(confirm(r, q, requester, p.caseNumber(), p.contact(), conflictId));
      }
    }
    journal.recordBeforeAnswer(
        r,
        new Line(
            answer.getConflictsCount() > 0 ? Event.CLAIM_CONFIRMED : Event.CLAIM_UNCONFIRMED,
            kind,
            r.senderAgency(),
            null,
            q.getPrfOutputsCount(),
            answer.getConflictsCount() + " conflict(s)"));
    return answer.build();
  }

  /**
   * A confirmed conflict between the partner's case and {@code ownCase}: its journal line rides the
   * answer's entries, this node's case agent is alerted (recorded before the answer leaves), and
   * the partner is answered with whom to call and that the alert is recorded here.
   */
  private ConfirmedConflict confirm(
      InboundRequest r,
      ConflictClaimRequest q,
      PointOfContact requester,
      String ownCase,
      PointOfContact ownContact,
      String conflictId) {
    MatchKind kind = q.getKind();
    String partner = r.senderAgency();
    String partnerCase = q.getRequesterCaseReference();
    journal.recordBeforeAnswer(
        r,
        new Line(
            Event.CONFLICT, kind, partner, ownCase, 0, "with " + partner + " case " + partnerCase));
    alerts.record(
        new AlertOutbox.Draft(
            kind,
            ownCase,
            partner,
            partnerCase,
            requester,
            0,
            Messages.alert(kind, ownCase, partner, partnerCase, requester, 0),
            conflictId));
    return ConfirmedConflict.newBuilder()
        .setCaseReference(ownCase)
        .setPointOfContact(ownContact)
        .setConflictId(conflictId)
        .setAlertRecorded(true)
        .build();
  }

  @Override
  public Message refusal(Refusal refusal) {
    return ConflictClaimAnswer.newBuilder().setRefusal(refusal).build();
  }
}

package org.liaison.node.workflow.rfi;

import io.grpc.Status;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.liaison.agreements.AgreementStatus;
import org.liaison.node.federation.ExchangeScope;
import org.liaison.node.workflow.RecordLookup.HeldRecord;
import org.liaison.node.workflow.WorkflowException;
import org.liaison.policy.Decision;
import org.liaison.policy.DisclosedView;
import org.liaison.policy.PolicyEngine;
import org.liaison.policy.PolicyRequest;
import org.liaison.wire.v1.Disclosure;
import org.liaison.wire.v1.Reason;
import org.liaison.wire.v1.Tier;

/**
 * The content an approved request for information discloses: the record at the highest tier the
 * agreements allow (FULL asked), limited to the fields asked for and, when approved in part, to the
 * fields the officer approved. An officer cannot approve what the agreements do not allow. The
 * conditions of the approval and of the originator's consent travel as caveats.
 */
final class RfiDisclosure {
  private RfiDisclosure() {}

  static Disclosure of(
      List<AgreementStatus> agreements,
      String owner,
      ExchangeScope scope,
      String role,
      HeldRecord record,
      List<String> asked,
      List<String> approved,
      List<String> conditions) {
    String requester = scope.partnerAgency();
    Decision d =
        PolicyEngine.decide(
            PolicyRequest.of(
                    agreements,
                    requester,
                    role,
                    scope.purpose(),
                    scope.caseReference(),
                    record.facts())
                .withRequestedTier(Tier.FULL));
    DisclosedView view = d.applyTo(record.facts());
    if (!view.disclosed()) {
      throw new WorkflowException(
          Status.Code.FAILED_PRECONDITION,
          d.reason(),
          "record "
              + record.recordId()
              + " may not go to "
              + requester
              + ": "
              + d.sentence()
              + " Decline the request instead.");
    }
    Set<String> allowed = new TreeSet<>(view.fields().keySet());
    Set<String> fields = new TreeSet<>(allowed);
    if (!asked.isEmpty()) {
      fields.retainAll(asked);
    }
    if (!approved.isEmpty()) {
      Set<String> notAllowed = new TreeSet<>(approved);
      notAllowed.removeAll(allowed);
      if (!notAllowed.isEmpty()) {
        throw new WorkflowException(
            Status.Code.FAILED_PRECONDITION,
            Reason.RECORD_CATEGORY_NOT_SHARED,
            "the fields "
                + notAllowed
                + " of record "
                + record.recordId()
                + " may not go to "
                + requester
                + " under "
                + d.agreementId()
                + "; approvable: "
                + allowed);
      }
      fields.retainAll(approved);
    }
    Disclosure.Builder b =
        Disclosure.newBuilder()
            .setTier(view.tier())
            .setOwnerAgency(owner)
            .setOriginatorAgency(record.originator())
            .setCaseReference(record.caseNumber())
            .setPointOfContact(record.contact())
            .setRecordCategory(record.category())
            .setRecordId(record.recordId())
            .setMatch("REQUEST_FOR_INFORMATION")
            .addAllCaveats(view.caveats())
            .addAllCaveats(conditions);
    for (String f : fields) {
      b.putFields(f, view.fields().get(f));
    }
    return b.build();
  }
}

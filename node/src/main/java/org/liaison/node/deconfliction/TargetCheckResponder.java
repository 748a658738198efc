package org.liaison.node.deconfliction;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.liaison.agreements.Agreement;
import org.liaison.agreements.AgreementStore;
import org.liaison.node.federation.InboundHandler;
import org.liaison.node.federation.InboundRequest;
import org.liaison.node.identifiers.InvalidIdentifierException;
import org.liaison.node.search.CaseRef;
import org.liaison.node.search.TargetIndex;
import org.liaison.wire.v1.Reason;
import org.liaison.wire.v1.Refusal;
import org.liaison.wire.v1.TargetCheckAnswer;
import org.liaison.wire.v1.TargetCheckRequest;

/**
 * Answers a partner's target de-confliction probe: the active cases here that hold the identifier,
 * each as a case reference and point of contact only. A probe that matches nothing leaves no trace
 * of the identifier on this node.
 */
@ApplicationScoped
public class TargetCheckResponder implements InboundHandler {
  @Inject TargetIndex targets;
  @Inject AgreementStore agreements;

  @Override
  public String contentType() {
    return TargetCheckRequest.getDescriptor().getFullName();
  }

  @Override
  public Message handle(InboundRequest r) throws InvalidProtocolBufferException {
    TargetCheckRequest q = TargetCheckRequest.parseFrom(r.payload());
    Agreement agreement = agreements.statusOf(r.agreementId()).orElseThrow().agreement().orElseThrow();
    if (agreement.deconfliction() == null || !agreement.deconfliction().target()) {
      return refusal(
          Refusal.newBuilder()
              .setReason(Reason.PURPOSE_NOT_PERMITTED)
              .setAgreementId(agreement.id())
              .setClause("deconfliction.target")
              .setMessage("agreement " + agreement.id() + " does not include target de-confliction")
              .build());
    }
    List<CaseRef> cases;
    try {
      cases =
          targets.activeCasesFor(
              q.getIdentifier().getType(), q.getIdentifier().getValue(), q.getIdentifier().getCountry());
    } catch (InvalidIdentifierException e) {
      return refusal(
          Refusal.newBuilder().setReason(Reason.INVALID_ARGUMENT).setMessage(e.getMessage()).build());
    }
    TargetCheckAnswer.Builder answer = TargetCheckAnswer.newBuilder().setConflict(!cases.isEmpty());
    cases.forEach(c -> answer.addConflicts(c.toProto()));
    return answer.build();
  }

  @Override
  public Message refusal(Refusal refusal) {
    return TargetCheckAnswer.newBuilder().setRefusal(refusal).build();
  }
}

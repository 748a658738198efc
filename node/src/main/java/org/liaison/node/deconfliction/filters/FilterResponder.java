package org.liaison.node.deconfliction.filters;

import com.google.protobuf.Message;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.liaison.node.deconfliction.DeconflictionResponder;
import org.liaison.node.federation.InboundRequest;
import org.liaison.wire.v1.FilterAnswer;
import org.liaison.wire.v1.FilterRequest;
import org.liaison.wire.v1.MatchKind;
import org.liaison.wire.v1.Refusal;

/** Gives a partner this node's filter for it (full, or the deltas since its generation). */
@ApplicationScoped
public class FilterResponder extends DeconflictionResponder<FilterRequest> {
  @Inject HeldFilters filters;

  public FilterResponder() {
    super(FilterRequest.getDefaultInstance(), FilterRequest::getKind);
  }

  @Override
  protected Message answer(InboundRequest r, FilterRequest q, MatchKind kind) {
    HeldFilter held = filters.current(r.senderAgency(), r.agreementId(), kind);
    return q.getPart() > 0
        ? held.part(q.getFilterId(), q.getSnapshotGeneration(), q.getPart())
        : held.answer(q.getFilterId(), q.getSinceGeneration());
  }

  @Override
  public Message refusal(Refusal refusal) {
    return FilterAnswer.newBuilder().setRefusal(refusal).build();
  }
}

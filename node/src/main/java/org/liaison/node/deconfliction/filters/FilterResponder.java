package org.liaison.node.deconfliction.filters;

import com.google.protobuf.Message;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.liaison.node.deconfliction.DeconflictionTerms;
import org.liaison.node.deconfliction.PartnerRefusals;
import org.liaison.node.federation.InboundRequest;
import org.liaison.node.federation.TypedInboundHandler;
import org.liaison.wire.v1.FilterAnswer;
import org.liaison.wire.v1.FilterRequest;
import org.liaison.wire.v1.MatchKind;
import org.liaison.wire.v1.Refusal;

/** Gives a partner this node's filter for it (full, or the deltas since its generation). */
@ApplicationScoped
public class FilterResponder extends TypedInboundHandler<FilterRequest> {
  @Inject HeldFilters filters;
  @Inject DeconflictionTerms terms;

  public FilterResponder() {
    super(FilterRequest.getDefaultInstance());
  }

  @Override
  protected Message answer(InboundRequest r, FilterRequest q) {
    if (q.getKind() != MatchKind.TARGET && q.getKind() != MatchKind.EVENT) {
      return refusal(PartnerRefusals.invalid("say which filter: TARGET or EVENT"));
    }
    Optional<Refusal> refused = terms.refusal(r.agreementId(), q.getKind());
    if (refused.isPresent()) {
      return refusal(refused.get());
    }
    HeldFilter held = filters.current(r.senderAgency(), r.agreementId(), q.getKind());
    return q.getPart() > 0
        ? held.part(q.getFilterId(), q.getSnapshotGeneration(), q.getPart())
        : held.answer(q.getFilterId(), q.getSinceGeneration());
  }

  @Override
  public Message refusal(Refusal refusal) {
    return FilterAnswer.newBuilder().setRefusal(refusal).build();
  }
}

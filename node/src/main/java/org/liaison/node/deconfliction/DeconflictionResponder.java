package org.liaison.node.deconfliction;

import com.google.protobuf.Message;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.function.Function;
import org.liaison.node.federation.InboundRequest;
import org.liaison.node.federation.TypedInboundHandler;
import org.liaison.node.query.LookupActivity;
import org.liaison.node.runtime.Activity;
import org.liaison.wire.v1.MatchKind;
import org.liaison.wire.v1.Refusal;

/**
 * A partner's de-confliction request (a filter, a blind evaluation, a claim): before anything else
 * it is refused when it names no kind of de-confliction or its agreement does not include that kind
 * ({@link DeconflictionTerms#refusal}); only then is it answered.
 *
 * @param <Q> the request message, which names its kind
 */
public abstract class DeconflictionResponder<Q extends Message> extends TypedInboundHandler<Q> {
  @Inject protected DeconflictionTerms terms;
  @Inject protected LookupActivity lookups;

  private final Function<Q, MatchKind> kindOf;

  protected DeconflictionResponder(Q prototype, Function<Q, MatchKind> kindOf) {
    super(prototype);
    this.kindOf = kindOf;
  }

  @Override
  protected final Message answer(InboundRequest r, Q q) {
    // a partner's check is a lookup like a query: the store's compaction waits (decision 0076)
    try (Activity.Piece answering = lookups.answering()) {
      MatchKind kind = kindOf.apply(q);
      Optional<Refusal> refused = terms.refusal(r.agreementId(), kind);
      return refused.isPresent() ? refused(r, kind, refused.get()) : answer(r, q, kind);
    }
  }

  /** The answer to a request of a kind the agreement includes. */
  protected abstract Message answer(InboundRequest r, Q q, MatchKind kind);

  /** The partner's refusal; a responder that keeps a record of what it refused adds to it here. */
  protected Message refused(InboundRequest r, MatchKind kind, Refusal refusal) {
    return refusal(refusal);
  }
}

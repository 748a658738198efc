package org.liaison.node.federation;

/**
 * The header facts of a request this node sends: what the exchange is about, who asks, what; and
 * what else must be on the record in the same commit as the request's own entry, before it leaves
 * (decision 0048).
 */
public record OutboundRequest(
    ExchangeScope scope, String officerId, String contentType, RecordedWith recordedWith) {

  public OutboundRequest(ExchangeScope scope, String officerId, String contentType) {
    this(scope, officerId, contentType, RecordedWith.NOTHING);
  }

  /** This request, with {@code more} committed in its audit batch before it leaves. */
  public OutboundRequest with(RecordedWith more) {
    return new OutboundRequest(scope, officerId, contentType, more);
  }
}

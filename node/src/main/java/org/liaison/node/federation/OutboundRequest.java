package org.liaison.node.federation;

/**
 * The header facts of a request this node sends: what the exchange is about, who asks, what; and
 * what else must be on the record in the same commit as the request's own entry, before it leaves
 * (decision 0048); or, instead, where its own entry waits to commit with its answer's (decision
 * 0055; {@code sentWithAnswer} null: the entry commits before the request leaves).
 */
public record OutboundRequest(
    ExchangeScope scope,
    String officerId,
    String contentType,
    RecordedWith recordedWith,
    SentWithAnswer sentWithAnswer) {

  public OutboundRequest {
    if (sentWithAnswer != null && recordedWith != RecordedWith.NOTHING) {
      throw new IllegalArgumentException(
          "entries recorded with a request commit before it leaves; its own cannot wait");
    }
  }

  public OutboundRequest(ExchangeScope scope, String officerId, String contentType) {
    this(scope, officerId, contentType, RecordedWith.NOTHING, null);
  }

  /** This request, with {@code more} committed in its audit batch before it leaves. */
  public OutboundRequest with(RecordedWith more) {
    return new OutboundRequest(scope, officerId, contentType, more, null);
  }

  /** This request, its own entry held in {@code held} to commit with its answer's. */
  public OutboundRequest sentWithAnswer(SentWithAnswer held) {
    return new OutboundRequest(scope, officerId, contentType, recordedWith, held);
  }
}

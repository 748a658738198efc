package org.liaison.node.federation;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;

/**
 * An {@link InboundHandler} of one request message type: its content type is that message's full
 * name, and {@link #answer} receives the payload parsed (a payload that does not parse is thrown
 * back to the federation service, which refuses it as malformed).
 *
 * @param <Q> the request message this handler answers
 */
public abstract class TypedInboundHandler<Q extends Message> implements InboundHandler {
  private final Parser<Q> parser;
  private final String contentType;

  /**
   * A handler of {@code prototype}'s message type (its default instance): the parser and the
   * content type both come from that one message, so they cannot disagree.
   */
  @SuppressWarnings("unchecked") // a generated message's parser is for its own type
  protected TypedInboundHandler(Q prototype) {
    this.parser = (Parser<Q>) prototype.getParserForType();
    this.contentType = prototype.getDescriptorForType().getFullName();
  }

  @Override
  public String contentType() {
    return contentType;
  }

  @Override
  public Message handle(InboundRequest request) throws InvalidProtocolBufferException {
    return answer(request, parser.parseFrom(request.payload()));
  }

  /** The answer to the partner's request {@code q}, as {@link InboundHandler#handle} returns it. */
  protected abstract Message answer(InboundRequest request, Q q);
}

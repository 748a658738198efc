package org.liaison.node.federation;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import org.liaison.wire.v1.Refusal;

/**
 * Answers one kind of partner request. One class per message type: adding a message adds a handler,
 * not a branch in a switch.
 */
public interface InboundHandler {
  /** The full protobuf name of the request payload this handler answers. */
  String contentType();

  /**
   * The answer to seal back. Called only after the envelope was verified and opened and the
   * agreement named in it was found in force between the two agencies.
   */
  Message handle(InboundRequest request) throws InvalidProtocolBufferException;

  /** The answer that refuses this kind of request, with the reason, agreement and clause. */
  Message refusal(Refusal refusal);
}

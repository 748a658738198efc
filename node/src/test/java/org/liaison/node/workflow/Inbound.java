package org.liaison.node.workflow;

import com.google.protobuf.Message;
import java.util.UUID;
import org.liaison.node.federation.ExchangeScope;
import org.liaison.node.federation.InboundRequest;

/** Partner requests as FederationService hands them to a handler after opening the envelope. */
final class Inbound {
  private Inbound() {}

  static InboundRequest from(String agency, String agreement, String purpose, Message payload) {
    return new InboundRequest(
        new ExchangeScope(agency, agreement, purpose, "CASE-" + agency),
        "node-1",
        "officer-7",
        UUID.randomUUID().toString(),
        payload.getDescriptorForType().getFullName(),
        payload.toByteArray());
  }
}

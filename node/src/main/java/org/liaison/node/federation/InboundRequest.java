package org.liaison.node.federation;

/** A partner's request as this node opened and verified it. */
public record InboundRequest(
    String senderAgency,
    String senderNode,
    String agreementId,
    String purpose,
    String caseReference,
    String officerId,
    String messageId,
    String contentType,
    byte[] payload) {}

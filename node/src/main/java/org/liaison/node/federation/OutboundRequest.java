package org.liaison.node.federation;

/** The header facts of a request this node sends. */
public record OutboundRequest(
    String partnerAgency,
    String agreementId,
    String purpose,
    String caseReference,
    String officerId,
    String contentType) {}

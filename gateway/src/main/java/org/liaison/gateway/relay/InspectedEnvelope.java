package org.liaison.gateway.relay;

/**
 * What a gateway may know about an envelope: the signed header's routing fields. The payload stays
 * sealed; the gateway holds no key that opens it.
 */
public record InspectedEnvelope(
    String senderAgency,
    String senderNode,
    String recipientAgency,
    String recipientNode,
    String agreementId,
    String purpose,
    String messageId,
    long expiresAtMs,
    int sizeBytes) {}

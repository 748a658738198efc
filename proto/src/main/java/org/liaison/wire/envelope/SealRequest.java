package org.liaison.wire.envelope;

import java.time.Duration;
import java.util.Objects;
import org.liaison.wire.v1.Header;

/**
 * What the sender states about one message: to whom, under which agreement, why, for which case and
 * officer, what the payload is, and how long it stays valid. For an answer, {@code requestHash} is
 * the SHA-256 of the request's signed content ({@link OpenedEnvelope#signedContentHash()}); for a
 * request it is empty.
 */
public record SealRequest(
    String recipientAgency,
    String recipientNode,
    String agreementId,
    String purpose,
    String caseReference,
    String officerId,
    String contentType,
    Duration ttl,
    byte[] requestHash) {

  public SealRequest {
    Objects.requireNonNull(recipientAgency, "recipientAgency");
    Objects.requireNonNull(recipientNode, "recipientNode");
    Objects.requireNonNull(agreementId, "agreementId");
    Objects.requireNonNull(purpose, "purpose");
    Objects.requireNonNull(caseReference, "caseReference");
    Objects.requireNonNull(officerId, "officerId");
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(ttl, "ttl");
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl must be positive");
    }
    requestHash = requestHash == null ? new byte[0] : requestHash.clone();
  }

  /** A request (no request hash). */
  public static SealRequest request(
      String recipientAgency,
      String recipientNode,
      String agreementId,
      String purpose,
      String caseReference,
      String officerId,
      String contentType,
      Duration ttl) {
    return new SealRequest(
        recipientAgency,
        recipientNode,
        agreementId,
        purpose,
        caseReference,
        officerId,
        contentType,
        ttl,
        null);
  }

  /** An answer to an opened request: back to its sender, same agreement, purpose and case. */
  public static SealRequest answerTo(OpenedEnvelope request, String contentType, Duration ttl) {
    Header h = request.header();
    return new SealRequest(
        h.getSenderAgency(),
        h.getSenderNode(),
        h.getAgreementId(),
        h.getPurpose(),
        h.getCaseReference(),
        h.getOfficerId(),
        contentType,
        ttl,
        request.signedContentHash());
  }

  @Override
  public byte[] requestHash() {
    return requestHash.clone();
  }
}

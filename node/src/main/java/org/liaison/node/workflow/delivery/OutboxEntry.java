package org.liaison.node.workflow.delivery;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A workflow message to a partner, kept until the partner acknowledges it. */
@Entity
@Table(name = "workflow_outbox")
public class OutboxEntry {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "message_id", nullable = false)
  public String messageId;

  @Column(name = "workflow_id", nullable = false)
  public String workflowId;

  @Column(name = "partner_agency", nullable = false)
  public String partnerAgency;

  @Column(name = "agreement_id", nullable = false)
  public String agreementId;

  @Column(nullable = false)
  public String purpose;

  @Column(name = "case_reference")
  public String caseReference;

  @Column(name = "officer_id")
  public String officerId;

  @Column(name = "content_type", nullable = false)
  public String contentType;

  @Column(name = "payload_b64", nullable = false)
  public String payloadB64;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(nullable = false)
  public int attempts;

  @Column(name = "next_attempt_at", nullable = false)
  public Instant nextAttemptAt;

  @Column(name = "delivered_at")
  public Instant deliveredAt;

  @Column(name = "failed_at")
  public Instant failedAt;

  @Column(name = "last_error")
  public String lastError;

  /** The delivery state in a sentence, for officers. */
  public String describe() {
    if (deliveredAt != null) {
      return "delivered to " + partnerAgency + " at " + deliveredAt;
    }
    if (failedAt != null) {
      return "refused by " + partnerAgency + " at " + failedAt + ": " + lastError;
    }
    return "pending delivery to "
        + partnerAgency
        + " ("
        + attempts
        + " attempt"
        + (attempts == 1 ? "" : "s")
        + ", next at "
        + nextAttemptAt
        + (lastError == null ? "" : "; last error: " + lastError)
        + ")";
  }
}

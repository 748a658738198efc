package org.liaison.node.workflow.delivery;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.liaison.node.federation.ExchangeScope;

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

  /** The workflow's scope, sent in the message's header. */
  @Embedded public ExchangeScope scope;

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
      return "delivered to " + scope.partnerAgency() + " at " + deliveredAt;
    }
    if (failedAt != null) {
      return "refused by " + scope.partnerAgency() + " at " + failedAt + ": " + lastError;
    }
    return "pending delivery to "
        + scope.partnerAgency()
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

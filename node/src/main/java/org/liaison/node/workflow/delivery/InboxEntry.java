package org.liaison.node.workflow.delivery;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A workflow message already applied here: a retried delivery of it changes nothing. */
@Entity
@Table(name = "workflow_inbox")
public class InboxEntry {
  @Id
  @Column(name = "message_id")
  public String messageId;

  @Column(name = "workflow_id", nullable = false)
  public String workflowId;

  @Column(name = "sender_agency", nullable = false)
  public String senderAgency;

  @Column(name = "received_at", nullable = false)
  public Instant receivedAt;
}

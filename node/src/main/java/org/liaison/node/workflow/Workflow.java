package org.liaison.node.workflow;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import org.liaison.node.federation.ExchangeScope;
import org.liaison.wire.v1.WorkflowKind;
import org.liaison.wire.v1.WorkflowSide;
import org.liaison.wire.v1.WorkflowState;

/**
 * This node's copy of one workflow it takes part in. The partner holds its own copy under the same
 * {@code workflowId}; the request and answer are kept as the protobuf messages exchanged.
 */
@Entity
@Table(name = "workflows")
public class Workflow {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "workflow_id", nullable = false)
  public String workflowId;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public WorkflowKind kind;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public WorkflowSide side;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public WorkflowState state;

  /** The partner, agreement, purpose and case, as the first message stated them. */
  @Embedded public ExchangeScope scope;

  /** The record the workflow is about (RFI, consent, feedback), if any. */
  @Column(name = "record_ref")
  public String recordRef;

  /** Consent: the agency the record would be disclosed to onward. */
  @Column(name = "third_agency")
  public String thirdAgency;

  public String officer;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "due_at")
  public Instant dueAt;

  @Column(name = "answered_at")
  public Instant answeredAt;

  @Column(name = "overdue_at")
  public Instant overdueAt;

  @Column(name = "request_b64", nullable = false)
  public String requestB64;

  @Column(name = "answer_b64")
  public String answerB64;

  @Version public int version;

  /** True while this agency owes the answer. */
  public boolean awaitingUs() {
    return side == WorkflowSide.RESPONDER && state == WorkflowState.AWAITING_ANSWER;
  }

  /** True while no answer was given (by either side). */
  public boolean open() {
    return state == WorkflowState.PENDING_DELIVERY || state == WorkflowState.AWAITING_ANSWER;
  }
}

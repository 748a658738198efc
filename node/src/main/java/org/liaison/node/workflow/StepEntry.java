package org.liaison.node.workflow;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One time-stamped step of a workflow, as this node took or received it. */
@Entity
@Table(name = "workflow_steps")
public class StepEntry {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "workflow_id", nullable = false)
  public String workflowId;

  @Column(nullable = false)
  public String step;

  /** On this node's clock. */
  @Column(nullable = false)
  public Instant at;

  /** When the partner took the step, on its clock (for steps received from it). */
  @Column(name = "partner_at")
  public Instant partnerAt;

  /** The officer, the partner agency, or {@code node} for automatic steps. */
  @Column(nullable = false)
  public String actor;

  public String detail;
}

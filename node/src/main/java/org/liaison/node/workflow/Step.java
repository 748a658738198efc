package org.liaison.node.workflow;

import java.time.Instant;
import org.liaison.node.federation.InboundRequest;
import org.liaison.wire.v1.WorkflowStep;

/**
 * A step to record.
 *
 * @param name e.g. REQUESTED, DELIVERED, RECEIVED, APPROVED, ANSWER_DELIVERED, OVERDUE
 * @param at on this node's clock
 * @param partnerAt the partner's time stamp for a step received from it, else null
 * @param actor the officer, the partner agency, or {@code node}
 * @param detail a sentence, may be null
 */
public record Step(String name, Instant at, Instant partnerAt, String actor, String detail) {
  public static final String REQUESTED = "REQUESTED";
  public static final String DELIVERED = "DELIVERED";
  public static final String RECEIVED = "RECEIVED";
  public static final String ANSWER_DELIVERED = "ANSWER_DELIVERED";
  public static final String OVERDUE = "OVERDUE";
  public static final String UNDELIVERABLE = "UNDELIVERABLE";

  public static Step now(String name, String actor, String detail) {
    return new Step(name, Instant.now(), null, actor, detail);
  }

  /**
   * A step the partner took, recorded here {@code at}: when the partner says it took it, and by
   * whom (its agency and officer, "us.dea/officer-1").
   */
  public static Step byPartner(
      String name, Instant at, InboundRequest r, WorkflowStep step, String detail) {
    return new Step(
        name,
        at,
        Instant.ofEpochMilli(step.getAtEpochMs()),
        r.senderAgency() + "/" + step.getOfficer(),
        detail);
  }
}

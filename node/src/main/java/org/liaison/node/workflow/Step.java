package org.liaison.node.workflow;

import java.time.Instant;

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
}

package org.liaison.node.federation;

import java.util.ArrayList;
import java.util.List;
import org.liaison.node.audit.AuditEvent;
import org.liaison.node.audit.AuditedWrite;

/**
 * A partner's request as this node opened and verified it, and the audit entries its handler wants
 * committed with the answer's own entry (in the same batch, before the answer leaves).
 */
public record InboundRequest(
    String senderAgency,
    String senderNode,
    String agreementId,
    String purpose,
    String caseReference,
    String officerId,
    String messageId,
    String contentType,
    byte[] payload,
    List<AuditEvent> entriesBeforeAnswer,
    List<AuditedWrite> writesBeforeAnswer) {

  public InboundRequest(
      String senderAgency,
      String senderNode,
      String agreementId,
      String purpose,
      String caseReference,
      String officerId,
      String messageId,
      String contentType,
      byte[] payload) {
    this(
        senderAgency,
        senderNode,
        agreementId,
        purpose,
        caseReference,
        officerId,
        messageId,
        contentType,
        payload,
        new ArrayList<>(),
        new ArrayList<>());
  }

  /**
   * An entry (a policy decision) that must be durable before the answer leaves: the node commits it
   * together with, and just before, the answer's own entry; if that fails, nothing leaves.
   */
  public void recordBeforeAnswer(AuditEvent entry) {
    entriesBeforeAnswer.add(entry);
  }

  /**
   * A write (a quota count) that must be durable with the answer's entries: committed in their
   * transaction. A handler called without an answer being recorded (tests) leaves it unwritten.
   */
  public void writeBeforeAnswer(AuditedWrite write) {
    writesBeforeAnswer.add(write);
  }
}

package org.liaison.node.federation;

import java.util.ArrayList;
import java.util.List;
import org.liaison.node.audit.AuditEvent;
import org.liaison.node.audit.AuditedWrite;

/**
 * A partner's request as this node opened and verified it, and the audit entries its handler wants
 * committed with the answer's own entry (in the same batch, before the answer leaves). Its scope's
 * partner is the sender; the accessors below name the scope's parts as the handlers read them.
 */
public record InboundRequest(
    ExchangeScope scope,
    String senderNode,
    String officerId,
    String messageId,
    String contentType,
    byte[] payload,
    List<AuditEvent> entriesBeforeAnswer,
    List<AuditedWrite> writesBeforeAnswer) {

  public InboundRequest(
      ExchangeScope scope,
      String senderNode,
      String officerId,
      String messageId,
      String contentType,
      byte[] payload) {
    this(
        scope,
        senderNode,
        officerId,
        messageId,
        contentType,
        payload,
        new ArrayList<>(),
        new ArrayList<>());
  }

  /** The agency that sent the request: the partner of this exchange. */
  public String senderAgency() {
    return scope.partnerAgency();
  }

  public String agreementId() {
    return scope.agreementId();
  }

  public String purpose() {
    return scope.purpose();
  }

  public String caseReference() {
    return scope.caseReference();
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

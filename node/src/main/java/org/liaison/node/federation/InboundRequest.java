package org.liaison.node.federation;

import java.util.ArrayList;
import java.util.List;
import org.liaison.node.audit.AuditEvent;
import org.liaison.node.audit.AuditedWrite;
import org.liaison.wire.v1.AuditKind;
import org.liaison.wire.v1.Header;

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

  /** A partner's request as its verified header {@code h} states it, with its opened payload. */
  public static InboundRequest sentIn(Header h, byte[] payload) {
    return new InboundRequest(
        ExchangeScope.sentBy(h),
        h.getSenderNode(),
        h.getOfficerId(),
        h.getMessageId(),
        h.getContentType(),
        payload);
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
   * An audit entry about this request: the partner asked (IN) within the request's scope, by its
   * officer, in its message of its content type. The caller adds what happened.
   */
  public AuditEvent.Builder auditEntry(AuditKind kind) {
    return AuditEvent.builder(kind)
        .exchange(AuditEvent.Direction.IN, scope)
        .officer(officerId)
        .messageId(messageId)
        .contentType(contentType);
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

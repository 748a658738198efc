package org.liaison.node.exchange;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.liaison.node.audit.AuditEvent;
import org.liaison.node.audit.AuditLog;
import org.liaison.wire.v1.AuditKind;

/**
 * Records every request this node sends or answers. Each write commits before the caller goes on,
 * so an answer never leaves without its entry. Every record is also an entry of the tamper-evident
 * {@link AuditLog}, appended first: if that fails, nothing is recorded and the caller gets the
 * exception.
 */
@ApplicationScoped
public class ExchangeLog {
  @Inject EntityManager em;
  @Inject AuditLog audit;

  public void record(ExchangeRecord r) {
    audit.append(
        AuditEvent.builder(kindOf(r))
            .direction(
                r.direction() == ExchangeRecord.Direction.IN
                    ? AuditEvent.Direction.IN
                    : AuditEvent.Direction.OUT)
            .requestingAgency(
                r.direction() == ExchangeRecord.Direction.IN ? r.partnerAgency() : null)
            .answeringAgency(
                r.direction() == ExchangeRecord.Direction.OUT ? r.partnerAgency() : null)
            .agreement(r.agreementId())
            .purpose(r.purpose())
            .caseReference(r.caseReference())
            .officer(r.officerId())
            .messageId(r.messageId())
            .contentType(r.contentType())
            .outcome(r.outcome())
            .reason(r.reason())
            .detail(r.detail())
            .build());
    QuarkusTransaction.requiringNew().run(() -> persist(r));
  }

  private static AuditKind kindOf(ExchangeRecord r) {
    return switch (r.outcome()) {
      case "CONFLICT" -> AuditKind.CONFLICT;
      case "REJECTED" -> AuditKind.REJECTED;
      case "REFUSED" ->
          r.direction() == ExchangeRecord.Direction.IN ? AuditKind.REFUSAL : AuditKind.QUERY;
      default ->
          r.direction() == ExchangeRecord.Direction.IN ? AuditKind.DISCLOSURE : AuditKind.QUERY;
    };
  }

  private void persist(ExchangeRecord r) {
    ExchangeEntry e = new ExchangeEntry();
    e.at = OffsetDateTime.now(ZoneOffset.UTC);
    e.direction = r.direction().name();
    e.partnerAgency = r.partnerAgency();
    e.agreementId = r.agreementId();
    e.purpose = r.purpose();
    e.caseReference = r.caseReference();
    e.officerId = r.officerId();
    e.messageId = r.messageId();
    e.contentType = r.contentType();
    e.outcome = r.outcome();
    e.reason = r.reason();
    e.detail =
        r.detail() == null || r.detail().length() <= 2000
            ? r.detail()
            : r.detail().substring(0, 2000);
    em.persist(e);
  }

  @Transactional
  public List<ExchangeEntry> recent(int limit) {
    return em.createQuery("from ExchangeEntry order by id desc", ExchangeEntry.class)
        .setMaxResults(limit)
        .getResultList();
  }
}

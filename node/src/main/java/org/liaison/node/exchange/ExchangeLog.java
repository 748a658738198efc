package org.liaison.node.exchange;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.liaison.node.observability.ExchangeMetrics;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Records every request this node sends or answers. Each write commits before the caller goes on,
 * so an answer never leaves without its entry.
 */
@ApplicationScoped
public class ExchangeLog {
  @Inject EntityManager em;
  @Inject ExchangeMetrics metrics;

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void record(ExchangeRecord r) {
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
    e.detail = r.detail() == null || r.detail().length() <= 2000 ? r.detail() : r.detail().substring(0, 2000);
    em.persist(e);
    metrics.exchange(e.direction, e.partnerAgency, e.contentType, e.outcome);
  }

  @Transactional
  public List<ExchangeEntry> recent(int limit) {
    return em.createQuery("from ExchangeEntry order by id desc", ExchangeEntry.class)
        .setMaxResults(limit)
        .getResultList();
  }
}

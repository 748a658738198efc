package org.liaison.node.deconfliction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import org.jboss.logging.Logger;
import org.liaison.node.audit.AuditEvent;
import org.liaison.node.audit.AuditLog;
import org.liaison.wire.v1.AuditKind;
import org.liaison.wire.v1.MatchKind;

/**
 * The one place de-confliction records what happened: probes (counts only), filter hits, claims,
 * confirmed conflicts, alerts and refusals. It never receives an identifier, a token or a PRF
 * value, so none can reach the database or the log through it. Conflicts, alerts, claims and
 * refusals are also entries of the tamper-evident audit log (probe counts only, never values).
 */
@ApplicationScoped
public class DeconflictionJournal {
  private static final Logger LOG = Logger.getLogger(DeconflictionJournal.class);

  @Inject EntityManager em;
  @Inject AuditLog audit;

  /** Events journaled. */
  public enum Event {
    PROBES_SENT,
    PROBES_ANSWERED,
    FILTER_HITS,
    CLAIM_SENT,
    CLAIM_CONFIRMED,
    CLAIM_UNCONFIRMED,
    CONFLICT,
    ALERT_RECORDED,
    ALERT_ACKNOWLEDGED,
    REFUSED,
    FAILED
  }

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void record(
      Event event,
      MatchKind kind,
      String partner,
      String caseReference,
      int elements,
      String detail) {
    em.createNativeQuery(
            "insert into dc_journal (recorded_at, event_type, kind, partner_agency, case_reference, elements, detail)"
                + " values (?, ?, ?, ?, ?, ?, ?)")
        .setParameter(1, Instant.now())
        .setParameter(2, event.name())
        .setParameter(3, kind == null ? null : kind.name())
        .setParameter(4, partner)
        .setParameter(5, caseReference)
        .setParameter(6, elements)
        .setParameter(7, detail == null ? null : truncate(detail))
        .executeUpdate();
    AuditKind auditKind = auditKindOf(event);
    if (auditKind != null) {
      audit.append(
          AuditEvent.builder(auditKind)
              .answeringAgency(partner)
              .purpose(kind == null ? null : kind.name() + "_DECONFLICTION")
              .caseReference(caseReference)
              .outcome(event.name())
              .detail(elements + " element(s)" + (detail == null ? "" : "; " + truncate(detail)))
              .build());
    }
    LOG.infof(
        "de-confliction %s %s partner=%s case=%s elements=%d%s",
        event,
        kind == null ? "" : kind.name(),
        partner,
        caseReference == null ? "-" : caseReference,
        elements,
        detail == null ? "" : " " + detail);
  }

  /** Which events the audit keeps: every conflict and its notification, every claim and refusal. */
  private static AuditKind auditKindOf(Event event) {
    return switch (event) {
      case CONFLICT, CLAIM_CONFIRMED, ALERT_RECORDED, ALERT_ACKNOWLEDGED -> AuditKind.CONFLICT;
      case CLAIM_SENT, CLAIM_UNCONFIRMED, PROBES_SENT -> AuditKind.QUERY;
      case PROBES_ANSWERED -> AuditKind.DISCLOSURE;
      case REFUSED -> AuditKind.REFUSAL;
      case FILTER_HITS, FAILED -> null;
    };
  }

  private static String truncate(String s) {
    return s.length() <= 1000 ? s : s.substring(0, 997) + "...";
  }
}

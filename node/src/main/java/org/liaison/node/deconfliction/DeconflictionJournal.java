package org.liaison.node.deconfliction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import org.jboss.logging.Logger;
import org.liaison.wire.v1.MatchKind;

/**
 * The one place de-confliction records what happened: probes (counts only), filter hits, claims,
 * confirmed conflicts, alerts and refusals. It never receives an identifier, a token or a PRF
 * value, so none can reach the database or the log through it. (To be connected to the node's audit
 * log at merge time.)
 */
@ApplicationScoped
public class DeconflictionJournal {
  private static final Logger LOG = Logger.getLogger(DeconflictionJournal.class);

  @Inject EntityManager em;

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
            "insert into dc_journal (recorded_at, event_type, kind, partner_agency, case_reference,"
                + " elements, detail) values (?, ?, ?, ?, ?, ?, ?)")
        .setParameter(1, Instant.now())
        .setParameter(2, event.name())
        .setParameter(3, kind == null ? null : kind.name())
        .setParameter(4, partner)
        .setParameter(5, caseReference)
        .setParameter(6, elements)
        .setParameter(7, detail == null ? null : truncate(detail))
        .executeUpdate();
    LOG.infof(
        "de-confliction %s %s partner=%s case=%s elements=%d%s",
        event,
        kind == null ? "" : kind.name(),
        partner,
        caseReference == null ? "-" : caseReference,
        elements,
        detail == null ? "" : " " + detail);
  }

  private static String truncate(String s) {
    return s.length() <= 1000 ? s : s.substring(0, 997) + "...";
  }
}

package org.liaison.node.disclosure;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import org.liaison.node.audit.AuditedWrite;

/**
 * Which of this node's records it disclosed to which partner, written before the disclosure leaves
 * (in the answer's path, like the audit entry). A partner's feedback is checked against it: a
 * record never disclosed to that partner cannot be fed back on.
 */
@ApplicationScoped
public class DisclosureLedger {
  @Inject EntityManager em;

  @Transactional
  public void disclosed(String partner, Collection<String> recordIds, String messageId) {
    disclosure(partner, recordIds, messageId).write(em);
  }

  /**
   * The ledger rows of one answer as a write for the answer's audit transaction: committed with its
   * audit entries, before the answer leaves.
   */
  public AuditedWrite disclosure(String partner, Collection<String> recordIds, String messageId) {
    List<String> ids = List.copyOf(recordIds);
    return em -> write(em, partner, ids, messageId);
  }

  private static void write(
      EntityManager em, String partner, Collection<String> recordIds, String messageId) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    for (String id : recordIds) {
      if (id == null || id.isBlank()) {
        continue;
      }
      em.createNativeQuery(
              // standard SQL MERGE: H2 and PostgreSQL (15+) both run it (decision 0021)
              "MERGE INTO partner_disclosures d USING (VALUES (CAST(?1 AS VARCHAR(64)),"
                  + " CAST(?2 AS VARCHAR(200)), CAST(?3 AS VARCHAR(100)),"
                  + " CAST(?4 AS TIMESTAMP WITH TIME ZONE)))"
                  + " AS v(partner_agency, record_id, message_id, disclosed_at)"
                  + " ON d.partner_agency = v.partner_agency AND d.record_id = v.record_id"
                  + " WHEN MATCHED THEN UPDATE SET message_id = v.message_id,"
                  + " disclosed_at = v.disclosed_at"
                  + " WHEN NOT MATCHED THEN INSERT (partner_agency, record_id, message_id,"
                  + " disclosed_at) VALUES (v.partner_agency, v.record_id, v.message_id,"
                  + " v.disclosed_at)")
          .setParameter(1, partner)
          .setParameter(2, id)
          .setParameter(3, messageId)
          .setParameter(4, now)
          .executeUpdate();
    }
  }

  /** True when this node disclosed the record to the partner. */
  @Transactional
  public boolean wasDisclosed(String partner, String recordId) {
    Number n =
        (Number)
            em.createNativeQuery(
                    "SELECT COUNT(*) FROM partner_disclosures"
                        + " WHERE partner_agency = ?1 AND record_id = ?2")
                .setParameter(1, partner)
                .setParameter(2, recordId)
                .getSingleResult();
    return n.longValue() > 0;
  }
}

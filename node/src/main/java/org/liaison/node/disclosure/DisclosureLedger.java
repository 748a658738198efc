package org.liaison.node.disclosure;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import org.hibernate.Session;
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
    AuditedWrite rows = disclosure(partner, recordIds, messageId);
    em.unwrap(Session.class).doWork(rows::write);
  }

  /**
   * The ledger rows of one answer as a write for the answer's audit transaction: committed with its
   * audit entries, before the answer leaves. One JDBC batch on the transaction's connection: it
   * runs on every answer that discloses (decision 0059).
   */
  public AuditedWrite disclosure(String partner, Collection<String> recordIds, String messageId) {
    List<String> ids =
        recordIds.stream().filter(id -> id != null && !id.isBlank()).distinct().toList();
    return db -> write(db, partner, ids, messageId);
  }

  private static void write(Connection db, String partner, List<String> recordIds, String messageId)
      throws SQLException {
    if (recordIds.isEmpty()) {
      return;
    }
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    try (PreparedStatement merge =
        db.prepareStatement(
            // standard SQL MERGE: H2 and PostgreSQL (15+) both run it (decision 0021)
            "MERGE INTO partner_disclosures d USING (VALUES (CAST(? AS VARCHAR(64)),"
                + " CAST(? AS VARCHAR(200)), CAST(? AS VARCHAR(100)),"
                + " CAST(? AS TIMESTAMP WITH TIME ZONE)))"
                + " AS v(partner_agency, record_id, message_id, disclosed_at)"
                + " ON d.partner_agency = v.partner_agency AND d.record_id = v.record_id"
                + " WHEN MATCHED THEN UPDATE SET message_id = v.message_id,"
                + " disclosed_at = v.disclosed_at"
                + " WHEN NOT MATCHED THEN INSERT (partner_agency, record_id, message_id,"
                + " disclosed_at) VALUES (v.partner_agency, v.record_id, v.message_id,"
                + " v.disclosed_at)")) {
      for (String id : recordIds) {
        merge.setString(1, partner);
        merge.setString(2, id);
        merge.setString(3, messageId);
        merge.setObject(4, now);
        merge.addBatch();
      }
      merge.executeBatch();
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

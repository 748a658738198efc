package org.liaison.node.audit;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/** Direct SQL on the audit tables, as someone with database access would do it. */
@ApplicationScoped
public class AuditTables {
  @Inject EntityManager em;
  @Inject AuditLog audit;
  @Inject org.liaison.node.federation.FederationService federation;

  public org.liaison.node.federation.FederationService federation() {
    return federation;
  }

  public void clear() {
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              for (String t :
                  new String[] {"audit_log", "audit_partner_checkpoint", "audit_finding"}) {
                em.createNativeQuery("delete from " + t).executeUpdate();
              }
            });
    audit.reload();
  }

  public int sql(String statement, Object... params) {
    int n =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  var q = em.createNativeQuery(statement);
                  for (int i = 0; i < params.length; i++) {
                    q.setParameter(i + 1, params[i]);
                  }
                  return q.executeUpdate();
                });
    audit.reload();
    return n;
  }

  /** As {@link #sql}, without telling the log: it finds out at its next batch. */
  public int sqlBehindTheLog(String statement) {
    return QuarkusTransaction.requiringNew()
        .call(() -> em.createNativeQuery(statement).executeUpdate());
  }

  public long count(String query, Object... params) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              var q = em.createNativeQuery(query);
              for (int i = 0; i < params.length; i++) {
                q.setParameter(i + 1, params[i]);
              }
              return ((Number) q.getSingleResult()).longValue();
            });
  }

  public byte[] bytes(String query, long idx) {
    return QuarkusTransaction.requiringNew()
        .call(() -> (byte[]) em.createNativeQuery(query).setParameter(1, idx).getSingleResult());
  }
}

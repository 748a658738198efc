package org.liaison.node.deconfliction.targets;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;

/**
 * How far each partner has checked each case: the last subject id whose targets the partner has
 * answered for, under a scope key (the case's status and crime categories in the agreement's
 * scope). The automatic check of a case continues from here, so a partner is probed once per new
 * target, not once per target per change.
 */
@ApplicationScoped
public class CheckMarks {
  @Inject EntityManager em;

  /** Where a partner's check of a case stands; {@code through} 0 when never checked. */
  public record Mark(String scopeKey, long through) {
    static final Mark NONE = new Mark("", 0);
  }

  public Mark get(String partner, String caseNumber) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              List<?> rows =
                  em.createNativeQuery(
                          "select scope_key, checked_through from dc_check_marks"
                              + " where partner_agency = ? and case_number = ?")
                      .setParameter(1, partner)
                      .setParameter(2, caseNumber)
                      .getResultList();
              if (rows.isEmpty()) {
                return Mark.NONE;
              }
              Object[] r = (Object[]) rows.get(0);
              return new Mark((String) r[0], ((Number) r[1]).longValue());
            });
  }

  /** Records that the partner answered for every target up to subject {@code through}. */
  public void advance(String partner, String caseNumber, String scopeKey, long through) {
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              int updated =
                  em.createNativeQuery(
                          "update dc_check_marks set scope_key = ?, checked_through = ?"
                              + " where partner_agency = ? and case_number = ?")
                      .setParameter(1, scopeKey)
                      .setParameter(2, through)
                      .setParameter(3, partner)
                      .setParameter(4, caseNumber)
                      .executeUpdate();
              if (updated == 0) {
                em.createNativeQuery(
                        "insert into dc_check_marks (partner_agency, case_number, scope_key,"
                            + " checked_through) values (?, ?, ?, ?)")
                    .setParameter(1, partner)
                    .setParameter(2, caseNumber)
                    .setParameter(3, scopeKey)
                    .setParameter(4, through)
                    .executeUpdate();
              }
            });
  }
}

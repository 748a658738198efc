package org.liaison.node.deconfliction;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The durable queue of checks still to run: one row per change (all partners) or per partner to ask
 * again. Rows are removed only after the check ran, so a crash repeats a check rather than losing
 * it (repeats are harmless: alerts are recorded once per conflict).
 */
@ApplicationScoped
public class PendingChecks {
  /** What to check: a case's targets or an operation's place and time. */
  public enum Kind {
    CASE,
    OPERATION
  }

  /**
   * Checks due for one item, coalesced: {@code partners} empty means every partner.
   *
   * @param rows the queue rows this batch stands for, removed by {@link #done}
   */
  public record Due(Kind kind, String item, Set<String> partners, int attempts, List<Long> rows) {
    boolean everyPartner() {
      return partners.isEmpty();
    }
  }

  @Inject EntityManager em;

  /** Queues a check of every partner, in the caller's transaction. */
  public void enqueue(Kind kind, String item) {
    em.createNativeQuery(
            "insert into dc_pending_checks (kind, item, attempts, due_at) values (?, ?, 0, ?)")
        .setParameter(1, kind.name())
        .setParameter(2, item)
        .setParameter(3, OffsetDateTime.now(ZoneOffset.UTC))
        .executeUpdate();
  }

  /** Up to {@code limit} items with checks due now (oldest first), each with all its due rows. */
  public List<Due> due(int limit) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
              List<Due> out = new ArrayList<>();
              for (Object[] item : rows(DUE_ITEMS, limit, now)) {
                out.add(due(Kind.valueOf((String) item[0]), (String) item[1], now));
              }
              return out;
            });
  }

  private static final String DUE_ITEMS =
      "select kind, item, min(id) from dc_pending_checks where due_at <= ?1"
          + " group by kind, item order by min(id)";

  private Due due(Kind kind, String item, OffsetDateTime now) {
    Set<String> partners = new LinkedHashSet<>();
    boolean all = false;
    int attempts = 0;
    List<Long> ids = new ArrayList<>();
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select id, partner_agency, attempts from dc_pending_checks"
                    + " where kind = ?1 and item = ?2 and due_at <= ?3")
            .setParameter(1, kind.name())
            .setParameter(2, item)
            .setParameter(3, now)
            .getResultList();
    for (Object[] r : rows) {
      ids.add(((Number) r[0]).longValue());
      if (r[1] == null) {
        all = true;
      } else {
        partners.add((String) r[1]);
      }
      attempts = Math.max(attempts, ((Number) r[2]).intValue());
    }
    return new Due(kind, item, all ? Set.of() : partners, all ? 0 : attempts, ids);
  }

  @SuppressWarnings("unchecked")
  private List<Object[]> rows(String sql, int limit, OffsetDateTime now) {
    return em.createNativeQuery(sql).setParameter(1, now).setMaxResults(limit).getResultList();
  }

  /**
   * Removes the rows a check ran for, and queues the partners to ask again after {@code wait}, in
   * one transaction.
   */
  public void done(Due due, Set<String> askAgain, Duration wait) {
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              for (Long id : due.rows()) {
                em.createNativeQuery("delete from dc_pending_checks where id = ?")
                    .setParameter(1, id)
                    .executeUpdate();
              }
              OffsetDateTime at = Instant.now().plus(wait).atOffset(ZoneOffset.UTC);
              for (String partner : askAgain) {
                em.createNativeQuery(
                        "insert into dc_pending_checks (kind, item, partner_agency, attempts,"
                            + " due_at) values (?, ?, ?, ?, ?)")
                    .setParameter(1, due.kind().name())
                    .setParameter(2, due.item())
                    .setParameter(3, partner)
                    .setParameter(4, due.attempts() + 1)
                    .setParameter(5, at)
                    .executeUpdate();
              }
            });
  }

  /** Cases and operations with a check still to run (for status). */
  public long waiting() {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                ((Number)
                        em.createNativeQuery(
                                "select count(*) from (select distinct kind, item from"
                                    + " dc_pending_checks) waiting")
                            .getSingleResult())
                    .longValue());
  }
}

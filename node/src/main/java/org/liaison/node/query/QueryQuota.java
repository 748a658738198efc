package org.liaison.node.query;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.liaison.node.federation.InboundRequest;

/**
 * Partners' queries this node answers per UTC day, persisted, held to the agreement's {@code
 * rate_limits.queries_per_day}: the answering side enforces what it agreed to.
 */
@ApplicationScoped
public class QueryQuota {
  @Inject EntityManager em;

  // today's counts by partner, read from the database once per partner and day, then kept here:
  // every query would otherwise pay a transaction of its own before it is answered
  private final Map<String, Count> counts = new HashMap<>();
  private LocalDate countsDay;

  /** Today's count for one partner. */
  public record Count(String agreementId, long used, long limit) {}

  /** Thrown when the day's queries are used up; the query is not counted then. */
  public static final class Exhausted extends Exception {
    private final long used;
    private final long limit;

    Exhausted(long used, long limit) {
      super("query quota exhausted");
      this.used = used;
      this.limit = limit;
    }

    public long used() {
      return used;
    }

    public long limit() {
      return limit;
    }
  }

  public static LocalDate today() {
    return LocalDate.now(ZoneOffset.UTC);
  }

  /**
   * Counts one query of the partner today, or refuses it. The count is taken in memory under the
   * lock (two queries cannot both take the last one); {@code request} gets the write that stores
   * it, committed with the answer's audit entries instead of in a transaction of its own.
   */
  public Count consume(InboundRequest request, String partner, String agreementId, long limit)
      throws Exhausted {
    LocalDate day = today();
    Count counted = take(day, partner, agreementId, limit);
    request.writeBeforeAnswer(tx -> store(tx, partner, day, agreementId, counted.used(), limit));
    return counted;
  }

  private synchronized Count take(LocalDate day, String partner, String agreementId, long limit)
      throws Exhausted {
    if (!day.equals(countsDay)) {
      counts.clear();
      countsDay = day;
    }
    Count known = counts.get(partner);
    long used =
        known != null
            ? known.used()
            : QuarkusTransaction.requiringNew().call(() -> used(em, partner, day));
    if (used >= limit) {
      throw new Exhausted(used, limit);
    }
    Count counted = new Count(agreementId, used + 1, limit);
    counts.put(partner, counted);
    return counted;
  }

  /**
   * The partner's count today, if it asked anything: what is stored, or the count taken since if
   * larger (an answer whose transaction is still open is counted already).
   */
  public Optional<Count> today(String partner) {
    LocalDate day = today();
    Optional<Count> stored = stored(partner, day);
    Count taken;
    synchronized (this) {
      taken = day.equals(countsDay) ? counts.get(partner) : null;
    }
    if (taken != null && (stored.isEmpty() || taken.used() > stored.get().used())) {
      return Optional.of(taken);
    }
    return stored;
  }

  private Optional<Count> stored(String partner, LocalDate day) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              @SuppressWarnings("unchecked")
              List<Object[]> rows =
                  em.createNativeQuery(
                          "select agreement_id, used, day_limit from query_counts"
                              + " where partner_agency = ?1 and query_day = ?2")
                      .setParameter(1, partner)
                      .setParameter(2, day)
                      .getResultList();
              return rows.stream()
                  .findFirst()
                  .map(
                      r ->
                          new Count(
                              (String) r[0],
                              ((Number) r[1]).longValue(),
                              ((Number) r[2]).longValue()));
            });
  }

  /** The partners that asked anything today. */
  public List<String> partnersToday() {
    LocalDate day = today();
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                em
                    .createNativeQuery(
                        "select partner_agency from query_counts where query_day = ?1"
                            + " order by partner_agency",
                        String.class)
                    .setParameter(1, day)
                    .getResultList()
                    .stream()
                    .map(String.class::cast)
                    .toList());
  }

  private static long used(EntityManager em, String partner, LocalDate day) {
    List<?> rows =
        em.createNativeQuery(
                "select used from query_counts where partner_agency = ?1 and query_day = ?2")
            .setParameter(1, partner)
            .setParameter(2, day)
            .getResultList();
    return rows.isEmpty() ? 0 : ((Number) rows.get(0)).longValue();
  }

  // GREATEST: batches of concurrent answers may commit out of the order their counts were taken
  private static void store(
      EntityManager em, String partner, LocalDate day, String agreementId, long used, long limit) {
    int updated =
        em.createNativeQuery(
                "update query_counts set used = GREATEST(used, ?1), day_limit = ?2,"
                    + " agreement_id = ?3"
                    + " where partner_agency = ?4 and query_day = ?5")
            .setParameter(1, used)
            .setParameter(2, limit)
            .setParameter(3, agreementId)
            .setParameter(4, partner)
            .setParameter(5, day)
            .executeUpdate();
    if (updated == 0) {
      em.createNativeQuery(
              "insert into query_counts (partner_agency, query_day, agreement_id, used,"
                  + " day_limit) values (?1, ?2, ?3, ?4, ?5)")
          .setParameter(1, partner)
          .setParameter(2, day)
          .setParameter(3, agreementId)
          .setParameter(4, used)
          .setParameter(5, limit)
          .executeUpdate();
    }
  }
}

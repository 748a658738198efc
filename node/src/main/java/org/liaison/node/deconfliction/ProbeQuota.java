package org.liaison.node.deconfliction;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.liaison.wire.v1.QuotaCount;

/**
 * De-confliction probes per partner per UTC day, persisted. IN counts the partner's blinded
 * elements this node evaluated, against the agreement's {@code deconfliction_probes_per_day}; OUT
 * keeps the count the partner last reported for this node's probes.
 */
@ApplicationScoped
public class ProbeQuota {
  @Inject EntityManager em;

  /** A day's count in one direction. */
  public record Count(
      String partner, String agreementId, String direction, long used, long limit) {}

  /** Thrown when a batch would exceed the day's quota; nothing is counted then. */
  public static final class Exhausted extends Exception {
    final long used;
    final long limit;

    Exhausted(long used, long limit) {
      super("quota exhausted");
      this.used = used;
      this.limit = limit;
    }
  }

  public static LocalDate today() {
    return LocalDate.now(ZoneOffset.UTC);
  }

  /** Counts {@code n} evaluations for the partner today, or refuses them all. */
  public synchronized QuotaCount consume(String partner, String agreementId, long n, long limit)
      throws Exhausted {
    // the lock spans the whole transaction, so two batches cannot both pass the check
    LocalDate day = today();
    long used = QuarkusTransaction.requiringNew().call(() -> used(partner, day, "IN"));
    if (used + n > limit) {
      throw new Exhausted(used, limit);
    }
    QuarkusTransaction.requiringNew()
        .run(() -> upsert(partner, day, "IN", agreementId, used + n, limit));
    return QuotaCount.newBuilder()
        .setAgreementId(agreementId)
        .setDay(day.toString())
        .setUsed(used + n)
        .setLimit(limit)
        .build();
  }

  /** What a partner reported about this node's probes today. */
  public synchronized void reported(String partner, QuotaCount count) {
    LocalDate day = count.getDay().isEmpty() ? today() : LocalDate.parse(count.getDay());
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                upsert(
                    partner,
                    day,
                    "OUT",
                    count.getAgreementId(),
                    count.getUsed(),
                    count.getLimit()));
  }

  @Transactional
  public List<Count> on(LocalDate day) {
    List<Count> out = new ArrayList<>();
    for (Object row :
        em.createNativeQuery(
                "select partner_agency, agreement_id, direction, used, day_limit from"
                    + " dc_probe_counts where probe_day = ? order by partner_agency, direction")
            .setParameter(1, day)
            .getResultList()) {
      Object[] r = (Object[]) row;
      out.add(
          new Count(
              (String) r[0],
              (String) r[1],
              (String) r[2],
              ((Number) r[3]).longValue(),
              ((Number) r[4]).longValue()));
    }
    return out;
  }

  private long used(String partner, LocalDate day, String direction) {
    List<?> rows =
        em.createNativeQuery(
                "select used from dc_probe_counts where partner_agency = ? and probe_day = ? and"
                    + " direction = ?")
            .setParameter(1, partner)
            .setParameter(2, day)
            .setParameter(3, direction)
            .getResultList();
    return rows.isEmpty() ? 0 : ((Number) rows.get(0)).longValue();
  }

  private void upsert(
      String partner, LocalDate day, String direction, String agreementId, long used, long limit) {
    int updated =
        em.createNativeQuery(
                "update dc_probe_counts set used = ?, day_limit = ?, agreement_id = ?"
                    + " where partner_agency = ? and probe_day = ? and direction = ?")
            .setParameter(1, used)
            .setParameter(2, limit)
            .setParameter(3, agreementId)
            .setParameter(4, partner)
            .setParameter(5, day)
            .setParameter(6, direction)
            .executeUpdate();
    if (updated == 0) {
      em.createNativeQuery(
              "insert into dc_probe_counts (partner_agency, probe_day, direction, agreement_id,"
                  + " used, day_limit) values (?, ?, ?, ?, ?, ?)")
          .setParameter(1, partner)
          .setParameter(2, day)
          .setParameter(3, direction)
          .setParameter(4, agreementId)
          .setParameter(5, used)
          .setParameter(6, limit)
          .executeUpdate();
    }
  }
}

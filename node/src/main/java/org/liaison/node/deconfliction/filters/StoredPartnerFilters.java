package org.liaison.node.deconfliction.filters;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.liaison.wire.oprf.OprfException;
import org.liaison.wire.oprf.PrfFilter;
import org.liaison.wire.v1.MatchKind;

/**
 * Partners' filters on disk with their generation, so that a restarted node brings them up to date
 * with deltas instead of fetching them whole. A stored filter that no longer parses is dropped (the
 * next check fetches it whole).
 */
@ApplicationScoped
public class StoredPartnerFilters {
  private static final Logger LOG = Logger.getLogger(StoredPartnerFilters.class);

  @Inject EntityManager em;

  public Optional<PartnerFilters.Cached> load(String partner, MatchKind kind) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              @SuppressWarnings("unchecked")
              List<Object[]> rows =
                  em.createNativeQuery(
                          "select epoch, filter_id, public_key, filter_bytes from partner_filters"
                              + " where partner_agency = ?1 and match_kind = ?2")
                      .setParameter(1, partner)
                      .setParameter(2, kind.name())
                      .getResultList();
              if (rows.isEmpty()) {
                return Optional.empty();
              }
              Object[] r = rows.get(0);
              try {
                return Optional.of(
                    new PartnerFilters.Cached(
                        ((Number) r[0]).longValue(),
                        (String) r[1],
                        (byte[]) r[2],
                        PrfFilter.fromBytes(bytes(r[3]))));
              } catch (OprfException e) {
                LOG.warnf(
                    "the stored filter of %s (%s) is unusable; fetching it whole", partner, kind);
                return Optional.empty();
              }
            });
  }

  public void store(String partner, MatchKind kind, PartnerFilters.Cached f) {
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                em.createNativeQuery(
                        // standard SQL MERGE: H2 and PostgreSQL (15+) both run it
                        "merge into partner_filters f using (values (cast(?1 as varchar(64)),"
                            + " cast(?2 as varchar(16)), cast(?3 as bigint),"
                            + " cast(?4 as varchar(100)), cast(?5 as bigint), cast(?6 as bytea),"
                            + " cast(?7 as bytea), cast(?8 as timestamp with time zone)))"
                            + " as v(partner_agency, match_kind, epoch, filter_id, generation,"
                            + " public_key, filter_bytes, stored_at)"
                            + " on f.partner_agency = v.partner_agency"
                            + " and f.match_kind = v.match_kind"
                            + " when matched then update set epoch = v.epoch,"
                            + " filter_id = v.filter_id, generation = v.generation,"
                            + " public_key = v.public_key, filter_bytes = v.filter_bytes,"
                            + " stored_at = v.stored_at"
                            + " when not matched then insert (partner_agency, match_kind, epoch,"
                            + " filter_id, generation, public_key, filter_bytes, stored_at) values"
                            + " (v.partner_agency, v.match_kind, v.epoch, v.filter_id,"
                            + " v.generation, v.public_key, v.filter_bytes, v.stored_at)")
                    .setParameter(1, partner)
                    .setParameter(2, kind.name())
                    .setParameter(3, f.epoch())
                    .setParameter(4, f.filterId())
                    .setParameter(5, f.filter().generation())
                    .setParameter(6, f.publicKey())
                    .setParameter(7, f.filter().toBytes())
                    .setParameter(8, OffsetDateTime.now(ZoneOffset.UTC))
                    .executeUpdate());
  }

  /** The generation stored for a partner's filter, if any (for operators and tests). */
  public Optional<Long> generation(String partner, MatchKind kind) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                em
                    .createNativeQuery(
                        "select generation from partner_filters"
                            + " where partner_agency = ?1 and match_kind = ?2")
                    .setParameter(1, partner)
                    .setParameter(2, kind.name())
                    .getResultList()
                    .stream()
                    .findFirst()
                    .map(g -> ((Number) g).longValue()));
  }

  public void clear() {
    QuarkusTransaction.requiringNew()
        .run(() -> em.createNativeQuery("delete from partner_filters").executeUpdate());
  }

  private static byte[] bytes(Object blob) {
    if (blob instanceof byte[] b) {
      return b;
    }
    try {
      java.sql.Blob b = (java.sql.Blob) blob;
      return b.getBytes(1, (int) b.length());
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("cannot read a stored partner filter", e);
    }
  }
}

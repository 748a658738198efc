package org.liaison.node.quota;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.liaison.node.audit.AuditedWrite;

/**
 * The one definition of "how many today for (partner, kind)" behind the query and probe quotas
 * (decision 0025): counted in memory under a lock (two requests cannot both take the last one), the
 * stored count read once per partner, kind and UTC day, and stored as {@code GREATEST} by a write
 * the caller commits, normally in the answer's audit transaction (decision 0018), because
 * concurrent answers may commit out of the order their counts were taken.
 */
@ApplicationScoped
public class DailyCounts {
  /** What is counted; the names are stored. */
  public enum Kind {
    /** A partner's queries this node answered. */
    QUERY,
    /** A partner's blinded elements this node evaluated. */
    PROBE_IN,
    /** This node's elements a partner evaluated, as the partner last reported. */
    PROBE_OUT
  }

  /** One partner's count of one kind on one day. */
  public record Count(
      String partner, Kind kind, LocalDate day, String agreementId, long used, long limit) {}

  /** Thrown when a take would pass the day's limit; nothing is counted then. */
  public static final class Exhausted extends Exception {
    private final long used;
    private final long limit;

    Exhausted(long used, long limit) {
      super("quota exhausted");
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

  private record Key(String partner, Kind kind) {}

  @Inject EntityManager em;

  private final Map<Key, Count> counts = new HashMap<>();
  private LocalDate countsDay;

  public static LocalDate today() {
    return LocalDate.now(ZoneOffset.UTC);
  }

  /**
   * Counts {@code n} for the partner today, or refuses them all when that would pass {@code limit}.
   * Store the result with {@link #write(Count)}.
   */
  public Count take(Kind kind, String partner, String agreementId, long n, long limit)
      throws Exhausted {
    LocalDate day = today();
    synchronized (this) {
      Map<Key, Count> today = countsOf(day);
      Key key = new Key(partner, kind);
      Count known = today.get(key);
      long used =
          known != null
              ? known.used()
              : QuarkusTransaction.requiringNew()
                  .call(() -> stored(partner, kind, day).map(Count::used).orElse(0L));
      if (used + n > limit) {
        throw new Exhausted(used, limit);
      }
      Count counted = new Count(partner, kind, day, agreementId, used + n, limit);
      today.put(key, counted);
      return counted;
    }
  }

  /** The write that stores a count, for the transaction that must make it durable. */
  public AuditedWrite write(Count c) {
    return db -> store(db, c);
  }

  /**
   * Sets a count from outside (a partner's report) in memory at once; the write it returns stores
   * it, in the transaction of the caller's next commit (a journal line of the exchange).
   */
  public AuditedWrite report(
      Kind kind, String partner, String agreementId, LocalDate day, long used, long limit) {
    Count c = new Count(partner, kind, day, agreementId, used, limit);
    synchronized (this) {
      if (day.equals(today())) {
        countsOf(day).merge(new Key(partner, kind), c, DailyCounts::larger);
      }
    }
    return write(c);
  }

  /**
   * The partner's count of this kind today, if any: what is stored, or the count taken since if
   * larger (an answer whose transaction is still open is counted already).
   */
  public Optional<Count> today(Kind kind, String partner) {
    return on(today()).stream()
        .filter(c -> c.kind() == kind && c.partner().equals(partner))
        .findFirst();
  }

  /** Every count of the day, by partner and kind, each the larger of stored and taken. */
  public List<Count> on(LocalDate day) {
    Map<Key, Count> all = new LinkedHashMap<>();
    for (Count c : QuarkusTransaction.requiringNew().call(() -> storedOn(day))) {
      all.put(new Key(c.partner(), c.kind()), c);
    }
    synchronized (this) {
      if (day.equals(countsDay)) {
        counts.forEach((k, c) -> all.merge(k, c, DailyCounts::larger));
      }
    }
    List<Count> out = new ArrayList<>(all.values());
    out.sort(Comparator.comparing(Count::partner).thenComparing(Count::kind));
    return out;
  }

  private Map<Key, Count> countsOf(LocalDate day) {
    if (!day.equals(countsDay)) {
      counts.clear();
      countsDay = day;
    }
    return counts;
  }

  private static Count larger(Count a, Count b) {
    return b.used() > a.used() ? b : a;
  }

  private Optional<Count> stored(String partner, Kind kind, LocalDate day) {
    return storedOn(day).stream()
        .filter(c -> c.partner().equals(partner) && c.kind() == kind)
        .findFirst();
  }

  private List<Count> storedOn(LocalDate day) {
    List<Count> out = new ArrayList<>();
    for (Object row :
        em.createNativeQuery(
                "select partner_agency, kind, agreement_id, used, day_limit from daily_counts"
                    + " where count_day = ?1")
            .setParameter(1, day)
            .getResultList()) {
      Object[] r = (Object[]) row;
      out.add(
          new Count(
              (String) r[0],
              Kind.valueOf((String) r[1]),
              day,
              (String) r[2],
              ((Number) r[3]).longValue(),
              ((Number) r[4]).longValue()));
    }
    return out;
  }

  private static void store(Connection db, Count c) throws SQLException {
    try (PreparedStatement update =
        db.prepareStatement(
            "update daily_counts set used = GREATEST(used, ?), day_limit = ?, agreement_id = ?"
                + " where partner_agency = ? and count_day = ? and kind = ?")) {
      update.setLong(1, c.used());
      update.setLong(2, c.limit());
      update.setString(3, c.agreementId());
      update.setString(4, c.partner());
      update.setObject(5, c.day());
      update.setString(6, c.kind().name());
      if (update.executeUpdate() > 0) {
        return;
      }
    }
    try (PreparedStatement insert =
        db.prepareStatement(
            "insert into daily_counts (partner_agency, count_day, kind, agreement_id, used,"
                + " day_limit) values (?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, c.partner());
      insert.setObject(2, c.day());
      insert.setString(3, c.kind().name());
      insert.setString(4, c.agreementId());
      insert.setLong(5, c.used());
      insert.setLong(6, c.limit());
      insert.executeUpdate();
    }
  }
}

package org.liaison.node.deconfliction.alerts;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.liaison.node.deconfliction.DeconflictionJournal;
import org.liaison.node.deconfliction.DeconflictionJournal.Event;
import org.liaison.node.deconfliction.DeconflictionJournal.Line;
import org.liaison.wire.v1.Alert;
import org.liaison.wire.v1.MatchKind;
import org.liaison.wire.v1.PointOfContact;

/**
 * De-confliction alerts for this agency's case agents, as a durable outbox: each conflict is
 * recorded once (by kind, own case, partner, partner case and the conflict's id, which tells apart
 * two different operations or windows of the same two cases), kept until a subscriber acknowledges
 * it, and delivered again (after a restart too) until then.
 */
@ApplicationScoped
public class AlertOutbox {
  @Inject EntityManager em;
  @Inject DeconflictionJournal journal;

  private final List<Consumer<Alert>> subscribers = new CopyOnWriteArrayList<>();

  /** What one alert says. */
  public record Draft(
      MatchKind kind,
      String caseReference,
      String partnerAgency,
      String partnerCaseReference,
      PointOfContact partnerContact,
      long distanceMetres,
      String message,
      String conflictId) {}

  /**
   * Records the alert (or finds it recorded already); false, with the failure journalled, when it
   * could not be recorded, so the officer is told the alert is pending rather than sent.
   */
  public boolean recorded(Draft draft) {
    try {
      record(draft);
      return true;
    } catch (RuntimeException e) {
      journal.record(
          new Line(
              Event.FAILED,
              draft.kind(),
              draft.partnerAgency(),
              draft.caseReference(),
              0,
              "alert not recorded: " + e.getMessage()));
      return false;
    }
  }

  /** Records the alert unless the same conflict was already recorded; returns it when new. */
  public synchronized Optional<Alert> record(Draft d) {
    String dedup =
        d.kind()
            + "|"
            + d.caseReference()
            + "|"
            + d.partnerAgency()
            + "|"
            + d.partnerCaseReference()
            + "|"
            + d.conflictId();
    Optional<Alert> created =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  boolean known =
                      !em.createNativeQuery("select id from dc_alerts where dedup_key = ?")
                          .setParameter(1, dedup)
                          .getResultList()
                          .isEmpty();
                  if (known) {
                    return Optional.<Alert>empty();
                  }
                  String id = UUID.randomUUID().toString();
                  Instant now = Instant.now();
                  PointOfContact c = d.partnerContact();
                  em.createNativeQuery(
                          "insert into dc_alerts (id, dedup_key, kind, case_reference,"
                              + " partner_agency, partner_case_reference, partner_contact_name,"
                              + " partner_contact_phone, partner_contact_email, distance_metres,"
                              + " message, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                      .setParameter(1, id)
                      .setParameter(2, dedup)
                      .setParameter(3, d.kind().name())
                      .setParameter(4, d.caseReference())
                      .setParameter(5, d.partnerAgency())
                      .setParameter(6, d.partnerCaseReference())
                      .setParameter(7, c.getName())
                      .setParameter(8, c.getPhone())
                      .setParameter(9, c.getEmail())
                      .setParameter(10, d.kind() == MatchKind.EVENT ? d.distanceMetres() : null)
                      .setParameter(11, d.message())
                      .setParameter(12, now)
                      .executeUpdate();
                  return Optional.of(toAlert(id, d, now));
                });
    created.ifPresent(
        a -> {
          journal.record(
              new Line(
                  Event.ALERT_RECORDED,
                  d.kind(),
                  d.partnerAgency(),
                  d.caseReference(),
                  0,
                  "alert " + a.getId()));
          subscribers.forEach(s -> s.accept(a));
        });
    return created;
  }

  /** Alerts not yet acknowledged, oldest first; for one case when {@code caseReference} is set. */
  public List<Alert> pending(String caseReference) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              List<Alert> out = new ArrayList<>();
              boolean one = caseReference != null && !caseReference.isBlank();
              var q =
                  em.createNativeQuery(
                      "select id, kind, case_reference, partner_agency, partner_case_reference,"
                          + " partner_contact_name, partner_contact_phone, partner_contact_email,"
                          + " distance_metres, message, created_at from dc_alerts"
                          + " where acknowledged_at is null"
                          + (one ? " and case_reference = ?" : "")
                          + " order by created_at, id");
              if (one) {
                q.setParameter(1, caseReference);
              }
              for (Object row : q.getResultList()) {
                Object[] r = (Object[]) row;
                PointOfContact contact =
                    PointOfContact.newBuilder()
                        .setAgency((String) r[3])
                        .setName(nz(r[5]))
                        .setPhone(nz(r[6]))
                        .setEmail(nz(r[7]))
                        .build();
                Draft d =
                    new Draft(
                        MatchKind.valueOf((String) r[1]),
                        (String) r[2],
                        (String) r[3],
                        (String) r[4],
                        contact,
                        r[8] == null ? 0 : ((Number) r[8]).longValue(),
                        (String) r[9],
                        "");
                out.add(toAlert((String) r[0], d, instant(r[10])));
              }
              return out;
            });
  }

  /** Notes that the alert went out to a subscriber (it stays pending until acknowledged). */
  public void delivered(String id) {
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                em.createNativeQuery(
                        "update dc_alerts set delivered_at = ?, delivery_count = delivery_count + 1"
                            + " where id = ?")
                    .setParameter(1, Instant.now())
                    .setParameter(2, id)
                    .executeUpdate());
  }

  /** Acknowledges alerts; returns how many were pending. */
  public int acknowledge(List<String> ids) {
    int n =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  int count = 0;
                  for (String id : ids) {
                    count +=
                        em.createNativeQuery(
                                "update dc_alerts set acknowledged_at = ? where id = ? and"
                                    + " acknowledged_at is null")
                            .setParameter(1, Instant.now())
                            .setParameter(2, id)
                            .executeUpdate();
                  }
                  return count;
                });
    if (n > 0) {
      journal.record(new Line(Event.ALERT_ACKNOWLEDGED, null, null, null, n, null));
    }
    return n;
  }

  /** Calls {@code subscriber} with every alert recorded from now on, until the handle is closed. */
  public AutoCloseable subscribe(Consumer<Alert> subscriber) {
    subscribers.add(subscriber);
    return () -> subscribers.remove(subscriber);
  }

  private static Alert toAlert(String id, Draft d, Instant created) {
    return Alert.newBuilder()
        .setId(id)
        .setKind(d.kind())
        .setCaseReference(d.caseReference())
        .setPartnerAgency(d.partnerAgency())
        .setPartnerCaseReference(d.partnerCaseReference())
        .setPartnerContact(d.partnerContact())
        .setCreatedAt(created.toString())
        .setDistanceMetres(d.distanceMetres())
        .setMessage(d.message())
        .build();
  }

  private static Instant instant(Object o) {
    if (o instanceof Instant i) {
      return i;
    }
    if (o instanceof OffsetDateTime t) {
      return t.toInstant();
    }
    if (o instanceof java.sql.Timestamp t) {
      return t.toInstant();
    }
    return Instant.parse(o.toString());
  }

  private static String nz(Object o) {
    return o == null ? "" : o.toString();
  }
}

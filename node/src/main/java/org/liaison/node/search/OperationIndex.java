package org.liaison.node.search;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.hibernate.jpa.HibernateHints;
import org.liaison.node.records.Operation;
import org.liaison.node.records.OperationStatus;
import org.liaison.wire.geo.Geodesic;

/**
 * Event de-confliction: this node's PLANNED or ACTIVE operations whose area (centre and radius)
 * comes within {@code marginMetres} of another area, and whose time windows overlap. Read-only.
 */
@ApplicationScoped
public class OperationIndex {
  private static final double METRES_PER_DEGREE_LATITUDE = 111_320;

  /** The widest radius an operation may declare (the importer's limit). */
  private static final int MAX_RADIUS_METRES = 100_000;

  private final EntityManager em;

  @Inject
  public OperationIndex(EntityManager em) {
    this.em = em;
  }

  /**
   * Operations that conflict with an event at this place and time.
   *
   * @param radiusMetres the event's own radius
   * @param marginMetres extra distance between the two areas still counted as a conflict
   */
  @Transactional
  public List<OperationRef> conflictsWith(
      double latitude,
      double longitude,
      int radiusMetres,
      Instant start,
      Instant end,
      int marginMetres) {
    double reach = radiusMetres + marginMetres + MAX_RADIUS_METRES;
    double dLat = reach / METRES_PER_DEGREE_LATITUDE;
    double cosLat = Math.max(0.01, Math.cos(Math.toRadians(latitude)));
    double dLon = Math.min(180, dLat / cosLat);
    List<Operation> nearby =
        em.createQuery(
                "select o from Operation o join fetch o.caseFile"
                    + " where o.status in :live and o.windowStart < :end and o.windowEnd > :start"
                    + " and o.latitude between :minLat and :maxLat",
                Operation.class)
            .setParameter("live", List.of(OperationStatus.PLANNED, OperationStatus.ACTIVE))
            .setParameter("start", start)
            .setParameter("end", end)
            .setParameter("minLat", latitude - dLat)
            .setParameter("maxLat", latitude + dLat)
            .setHint(HibernateHints.HINT_READ_ONLY, true)
            .getResultList();
    List<OperationRef> conflicts = new ArrayList<>();
    for (Operation o : nearby) {
      if (Math.abs(o.getLongitude() - longitude) > dLon && dLon < 180) {
        continue;
      }
      double distance =
          Geodesic.distanceMetres(latitude, longitude, o.getLatitude(), o.getLongitude());
      if (distance <= radiusMetres + o.getRadiusMetres() + marginMetres) {
        conflicts.add(
            new OperationRef(
                o.getExternalId(),
                o.getCaseFile().getCaseNumber(),
                Contacts.of(o.getCaseFile()),
                o.getKind(),
                o.getLatitude(),
                o.getLongitude(),
                o.getRadiusMetres(),
                o.getAddress(),
                o.getWindowStart(),
                o.getWindowEnd(),
                Math.round(distance)));
      }
    }
    conflicts.sort(Comparator.comparingLong(OperationRef::distanceMetres));
    return conflicts;
  }
}

package org.liaison.node.deconfliction.events;

import com.google.protobuf.ByteString;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.hibernate.jpa.HibernateHints;
import org.jboss.logging.Logger;
import org.liaison.node.config.NodeConfig;
import org.liaison.node.deconfliction.matching.MatchInputs;
import org.liaison.node.records.Operation;
import org.liaison.node.records.OperationStatus;
import org.liaison.wire.geo.EventToken;
import org.liaison.wire.geo.EventTokens;
import org.liaison.wire.v1.PointOfContact;

/**
 * This agency's planned and running operations, as event de-confliction sees them: areas and
 * windows, their tokens as OPRF inputs, and the case agent to alert. Read-only.
 */
@ApplicationScoped
public class PlannedOperations {
  private static final Logger LOG = Logger.getLogger(PlannedOperations.class);

  @Inject EntityManager em;
  @Inject NodeConfig config;

  /** A live operation with what an alert needs. */
  public record Planned(
      String id,
      String caseNumber,
      Set<String> crimeCategories,
      PointOfContact contact,
      org.liaison.wire.geo.EventExtent area) {}

  /**
   * Token inputs of every live operation of cases in these categories, with the operation ids, cut
   * with one agreement's buffers.
   */
  @Transactional
  public Map<ByteString, Set<String>> allTokens(Set<String> crimeCategories, EventTokens tokens) {
    Map<ByteString, Set<String>> out = new HashMap<>();
    for (Planned p : live(null)) {
      if (java.util.Collections.disjoint(p.crimeCategories(), crimeCategories)) {
        continue;
      }
      Set<EventToken> set;
      try {
        set = tokens.tokens(p.area());
      } catch (IllegalArgumentException e) {
        LOG.warnf("operation %s is not de-conflicted: %s", p.id(), e.getMessage());
        continue;
      }
      for (EventToken t : set) {
        out.computeIfAbsent(MatchInputs.event(t), k -> new TreeSet<>()).add(p.id());
      }
    }
    return out;
  }

  /** One live operation of this agency, if there is one with this id. */
  @Transactional
  public Optional<Planned> byId(String id) {
    return live(id).stream().findFirst();
  }

  /** The live operations among these ids. */
  @Transactional
  public List<Planned> byIds(Set<String> ids) {
    return live(null).stream().filter(p -> ids.contains(p.id())).toList();
  }

  private List<Planned> live(String id) {
    Instant horizon =
        Instant.now().minus(Duration.ofMinutes(config.deconfliction().eventBufferMinutes()));
    var q =
        em.createQuery(
                "select o from Operation o join fetch o.caseFile c where o.status in :live"
                    + " and o.windowEnd > :horizon and c.agency = :me"
                    + (id == null ? "" : " and o.externalId = :id"),
                Operation.class)
            .setParameter("live", List.of(OperationStatus.PLANNED, OperationStatus.ACTIVE))
            .setParameter("horizon", horizon)
            .setParameter("me", config.agency())
            .setHint(HibernateHints.HINT_READ_ONLY, true);
    if (id != null) {
      q.setParameter("id", id);
    }
    return q.getResultList().stream().flatMap(o -> planned(o).stream()).toList();
  }

  private static Optional<Planned> planned(Operation o) {
    if (o.getRadiusMetres() > org.liaison.wire.geo.EventExtent.MAX_RADIUS_METRES) {
      LOG.warnf(
          "operation %s covers more than 10 km; split it to de-conflict it", o.getExternalId());
      return Optional.empty();
    }
    var c = o.getCaseFile();
    PointOfContact contact =
        PointOfContact.newBuilder()
            .setAgency(c.getAgency())
            .setName(c.getAgentName())
            .setPhone(c.getAgentPhone() == null ? "" : c.getAgentPhone())
            .setEmail(c.getAgentEmail() == null ? "" : c.getAgentEmail())
            .build();
    return Optional.of(
        new Planned(
            o.getExternalId(),
            c.getCaseNumber(),
            c.getCrimeCategories(),
            contact,
            new org.liaison.wire.geo.EventExtent(
                o.getLatitude(),
                o.getLongitude(),
                o.getRadiusMetres(),
                o.getWindowStart(),
                o.getWindowEnd())));
  }
}

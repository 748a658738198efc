package org.liaison.node.deconfliction.events;

import com.google.protobuf.ByteString;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
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
   * A slice of a walk of the live operations in id order, for an event filter's catch-up (decision
   * 0077): the operations read, the token inputs of those of cases in these categories (each with
   * the operations holding it) and the last id read, "" when none was left.
   */
  public record TokenSlice(List<String> ids, Map<ByteString, Set<String>> tokens, String last) {}

  /**
   * The next live operations after {@code after} in id order ("" starts), at most {@code
   * maxOperations} of them and no more once their tokens reach {@code maxTokens}, cut with one
   * agreement's buffers.
   */
  @Transactional
  public TokenSlice tokensAfter(
      String after,
      int maxOperations,
      int maxTokens,
      Set<String> crimeCategories,
      EventTokens tokens) {
    List<Operation> read =
        liveQuery(" and o.externalId > :after order by o.externalId")
            .setParameter("after", after)
            .setMaxResults(maxOperations)
            .getResultList();
    List<String> ids = new ArrayList<>();
    Map<ByteString, Set<String>> out = new HashMap<>();
    for (Operation o : read) {
      ids.add(o.getExternalId());
      planned(o).ifPresent(p -> addTokens(p, crimeCategories, tokens, out));
      if (out.size() >= maxTokens) {
        break;
      }
    }
    return new TokenSlice(ids, out, ids.isEmpty() ? "" : ids.get(ids.size() - 1));
  }

  /** The token inputs of those of these operations live in cases of these categories. */
  @Transactional
  public Map<ByteString, Set<String>> tokensOf(
      Collection<String> ids, Set<String> crimeCategories, EventTokens tokens) {
    Map<ByteString, Set<String>> out = new HashMap<>();
    for (Planned p : liveAmong(ids)) {
      addTokens(p, crimeCategories, tokens, out);
    }
    return out;
  }

  /** Of these operation ids, those of live operations of cases in these categories. */
  @Transactional
  public List<String> liveAmong(Collection<String> ids, Set<String> crimeCategories) {
    return liveAmong(ids).stream()
        .filter(p -> !Collections.disjoint(p.crimeCategories(), crimeCategories))
        .map(Planned::id)
        .toList();
  }

  private List<Planned> liveAmong(Collection<String> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return liveQuery(" and o.externalId in :ids").setParameter("ids", ids).getResultList().stream()
        .flatMap(o -> planned(o).stream())
        .toList();
  }

  private static void addTokens(
      Planned p,
      Set<String> crimeCategories,
      EventTokens tokens,
      Map<ByteString, Set<String>> out) {
    if (Collections.disjoint(p.crimeCategories(), crimeCategories)) {
      return;
    }
    Set<EventToken> set;
    try {
      set = tokens.tokens(p.area());
    } catch (IllegalArgumentException e) {
      LOG.warnf("operation %s is not de-conflicted: %s", p.id(), e.getMessage());
      return;
    }
    for (EventToken t : set) {
      out.computeIfAbsent(MatchInputs.event(t), k -> new TreeSet<>()).add(p.id());
    }
  }

  /** One live operation of this agency, if there is one with this id. */
  @Transactional
  public Optional<Planned> byId(String id) {
    return liveAmong(List.of(id)).stream().findFirst();
  }

  /** The live operations among these ids. */
  @Transactional
  public List<Planned> byIds(Set<String> ids) {
    return liveAmong(ids);
  }

  /** This agency's live operations, with their cases, that {@code and} further selects. */
  private jakarta.persistence.TypedQuery<Operation> liveQuery(String and) {
    Instant horizon =
        Instant.now().minus(Duration.ofMinutes(config.deconfliction().eventBufferMinutes()));
    return em.createQuery(
            "select o from Operation o join fetch o.caseFile c where o.status in :live"
                + " and o.windowEnd > :horizon and c.agency = :me"
                + and,
            Operation.class)
        .setParameter("live", List.of(OperationStatus.PLANNED, OperationStatus.ACTIVE))
        .setParameter("horizon", horizon)
        .setParameter("me", config.agency())
        .setHint(HibernateHints.HINT_READ_ONLY, true);
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

package org.liaison.node.deconfliction;

import com.google.protobuf.ByteString;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.hibernate.jpa.HibernateHints;
import org.liaison.node.config.NodeConfig;
import org.liaison.node.records.CaseStatus;
import org.liaison.node.records.SubjectKind;
import org.liaison.wire.v1.IdentifierType;

/**
 * The targets of this agency's ACTIVE cases as OPRF inputs: every subject identifier and every
 * person key (name key with date of birth), each with the case numbers that hold it. Read-only.
 */
@ApplicationScoped
public class ActiveTargets {
  @Inject EntityManager em;
  @Inject NodeConfig config;

  /**
   * Every target input of this agency's active cases in these crime categories, with the cases
   * holding it.
   */
  @Transactional
  public Map<ByteString, Set<String>> all(Set<String> crimeCategories) {
    return collect(null, crimeCategories);
  }

  /** The target inputs of one case, if it is active, this agency's and in one of the categories. */
  @Transactional
  public Set<ByteString> ofCase(String caseNumber, Set<String> crimeCategories) {
    return collect(caseNumber, crimeCategories).keySet();
  }

  private Map<ByteString, Set<String>> collect(String caseNumber, Set<String> categories) {
    if (categories.isEmpty()) {
      return Map.of();
    }
    String onlyCase =
        (caseNumber == null ? "" : " and c.caseNumber = :n")
            + " and c.id in (select c2.id from CaseFile c2 join c2.crimeCategories cc where cc in"
            + " :cats)";
    List<Object[]> identifiers =
        query(
            "select i.type, i.normalisedValue, c.caseNumber from SubjectIdentifier i join i.subject"
                + " s join s.caseFile c where c.status = :active and c.agency = :me"
                + onlyCase,
            caseNumber,
            categories);
    Map<ByteString, Set<String>> out = new HashMap<>();
    for (Object[] row : identifiers) {
      ByteString input = MatchInputs.identifier((IdentifierType) row[0], (String) row[1]);
      out.computeIfAbsent(input, k -> new TreeSet<>()).add((String) row[2]);
    }
    List<Object[]> persons =
        query(
            "select k.nameKey, k.dateOfBirth, c.caseNumber from Subject s join s.nameKeys k join"
                + " s.caseFile c where s.kind = :person and k.dateOfBirth is not null and c.status"
                + " = :active"
                + " and c.agency = :me"
                + onlyCase,
            caseNumber,
            categories);
    for (Object[] row : persons) {
      ByteString input = MatchInputs.personKey((String) row[0], (LocalDate) row[1]);
      out.computeIfAbsent(input, k -> new TreeSet<>()).add((String) row[2]);
    }
    return out;
  }

  private List<Object[]> query(String jpql, String caseNumber, Set<String> categories) {
    var q =
        em.createQuery(jpql, Object[].class)
            .setParameter("active", CaseStatus.ACTIVE)
            .setParameter("me", config.agency())
            .setHint(HibernateHints.HINT_READ_ONLY, true);
    if (jpql.contains(":person")) {
      q.setParameter("person", SubjectKind.PERSON);
    }
    if (caseNumber != null) {
      q.setParameter("n", caseNumber);
    }
    q.setParameter("cats", categories);
    return q.getResultList();
  }

  /** Whether the case is one of this agency's active cases (claims are only made for those). */
  @Transactional
  public boolean isActiveCase(String caseNumber) {
    return !em.createQuery(
            "select c.id from CaseFile c where c.caseNumber = :n and c.status = :active and"
                + " c.agency = :me",
            Long.class)
        .setParameter("n", caseNumber)
        .setParameter("active", CaseStatus.ACTIVE)
        .setParameter("me", config.agency())
        .getResultList()
        .isEmpty();
  }
}

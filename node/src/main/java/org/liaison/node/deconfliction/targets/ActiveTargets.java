package org.liaison.node.deconfliction.targets;

import com.google.protobuf.ByteString;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import org.liaison.node.config.NodeConfig;
import org.liaison.node.deconfliction.matching.MatchInputs;
import org.liaison.node.records.CaseStatus;
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
   * Of these case numbers, those of this agency's active cases in these crime categories, in their
   * order.
   */
  @Transactional
  public List<String> activeAmong(Collection<String> caseNumbers, Set<String> crimeCategories) {
    if (caseNumbers.isEmpty() || crimeCategories.isEmpty()) {
      return List.of();
    }
    return activeCases(" and c.case_number in (:cases)", crimeCategories)
        .setParameter("cases", caseNumbers)
        .getResultList()
        .stream()
        .map(r -> (String) ((Object[]) r)[1])
        .toList();
  }

  /**
   * The next {@code n} of this agency's active cases in these crime categories after {@code after}
   * in case-number order: a walk of every case in slices ("" starts it).
   */
  @Transactional
  public List<String> activeCasesAfter(String after, Set<String> crimeCategories, int n) {
    if (crimeCategories.isEmpty()) {
      return List.of();
    }
    return activeCases(" and c.case_number > :after", crimeCategories)
        .setParameter("after", after)
        .setMaxResults(n)
        .getResultList()
        .stream()
        .map(r -> (String) ((Object[]) r)[1])
        .toList();
  }

  private jakarta.persistence.Query activeCases(String where, Set<String> categories) {
    return em.createNativeQuery(
            "select c.id, c.case_number from cases c where c.status = 'ACTIVE' and c.agency = :me"
                + where
                + " and exists (select 1 from case_crime_categories cc where cc.case_id = c.id and"
                + " cc.category in (:cats)) order by c.case_number")
        .setParameter("me", config.agency())
        .setParameter("cats", categories);
  }

  /**
   * The target inputs of these cases, each with those of them that hold it: only this agency's
   * active cases in these crime categories contribute (a closed case, one out of scope or unknown
   * holds nothing). Reads these cases' subjects only, never the whole agency.
   */
  @Transactional
  @SuppressWarnings("unchecked")
  public Map<ByteString, Set<String>> ofCases(
      Collection<String> caseNumbers, Set<String> crimeCategories) {
    if (caseNumbers.isEmpty() || crimeCategories.isEmpty()) {
      return Map.of();
    }
    Map<Long, String> numbers = new HashMap<>();
    for (Object r :
        activeCases(" and c.case_number in (:cases)", crimeCategories)
            .setParameter("cases", caseNumbers)
            .getResultList()) {
      Object[] row = (Object[]) r;
      numbers.put(((Number) row[0]).longValue(), (String) row[1]);
    }
    Map<ByteString, Set<String>> out = new HashMap<>();
    if (numbers.isEmpty()) {
      return out;
    }
    Map<String, Set<String>> onlyThis = new HashMap<>();
    inputsOf(
        "s.case_id in (:ids)",
        Map.of("ids", numbers.keySet()),
        (input, caseId) -> holdIn(out, input, numbers.get(caseId), onlyThis));
    return out;
  }

  /**
   * The target inputs of the subjects {@code subjects} selects (a condition on {@code s}, the
   * subjects table), each with its subject's case id: every identifier, and every name key of a
   * person with the person's date of birth. The date is the subject's own: the copy beside each
   * name key (V85) serves the lookup index, and this is the one place that says where a target's
   * date comes from.
   */
  @SuppressWarnings("unchecked")
  private void inputsOf(
      String subjects, Map<String, Object> parameters, BiConsumer<ByteString, Long> out) {
    jakarta.persistence.Query identifiers =
        em.createNativeQuery(
            "select i.type, i.normalised_value, s.case_id from identifiers i join subjects s on"
                + " s.id = i.subject_id where "
                + subjects);
    parameters.forEach(identifiers::setParameter);
    for (Object[] r : (List<Object[]>) identifiers.getResultList()) {
      out.accept(
          MatchInputs.identifier(IdentifierType.valueOf((String) r[0]), (String) r[1]),
          ((Number) r[2]).longValue());
    }
    jakarta.persistence.Query persons =
        em.createNativeQuery(
            "select k.name_key, s.date_of_birth, s.case_id from subject_name_keys k join subjects"
                + " s on s.id = k.subject_id where "
                + subjects
                + " and s.kind = 'PERSON' and s.date_of_birth is not null");
    parameters.forEach(persons::setParameter);
    for (Object[] r : (List<Object[]>) persons.getResultList()) {
      out.accept(
          MatchInputs.personKey((String) r[0], localDate(r[1])), ((Number) r[2]).longValue());
    }
  }

  private static LocalDate localDate(Object date) {
    return date instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) date;
  }

  /**
   * Most targets belong to one case: they share one immutable set per case, so a large case costs a
   * map entry per target, not a set per target.
   */
  private static void holdIn(
      Map<ByteString, Set<String>> out,
      ByteString input,
      String caseNumber,
      Map<String, Set<String>> onlyThis) {
    Set<String> held = out.get(input);
    if (held == null) {
      out.put(input, onlyThis.computeIfAbsent(caseNumber, Set::of));
    } else if (!held.contains(caseNumber)) {
      Set<String> more = new TreeSet<>(held);
      more.add(caseNumber);
      out.put(input, more);
    }
  }

  /**
   * The next slice of a case's target inputs: those of at most {@code subjects} subjects with ids
   * above {@code after}, in id order.
   *
   * @param scopeKey what the targets are checked under: the case's status and its crime categories
   *     within the scope; empty when the case is not this agency's, not active or out of scope
   * @param through the last subject id in the slice ({@code after} when there is none)
   */
  public record Slice(String scopeKey, long through, Set<ByteString> inputs) {
    public boolean empty() {
      return inputs.isEmpty();
    }
  }

  /** The key the case's targets are checked under with this scope; empty if not checked. */
  @Transactional
  public String scopeKey(String caseNumber, Set<String> scope) {
    CaseScope c = caseScope(caseNumber, scope);
    return c == null ? "" : c.key();
  }

  private record CaseScope(long caseId, String key) {}

  @SuppressWarnings("unchecked")
  private CaseScope caseScope(String caseNumber, Set<String> scope) {
    List<Object[]> cases =
        em.createNativeQuery("select id, status, agency from cases where case_number = ?")
            .setParameter(1, caseNumber)
            .getResultList();
    if (cases.isEmpty()
        || !CaseStatus.ACTIVE.name().equals(cases.get(0)[1])
        || !config.agency().equals(cases.get(0)[2])) {
      return null;
    }
    long caseId = ((Number) cases.get(0)[0]).longValue();
    TreeSet<String> categories = new TreeSet<>();
    for (Object c :
        em.createNativeQuery("select category from case_crime_categories where case_id = ?")
            .setParameter(1, caseId)
            .getResultList()) {
      if (scope.contains((String) c)) {
        categories.add((String) c);
      }
    }
    return categories.isEmpty()
        ? null
        : new CaseScope(caseId, "ACTIVE|" + String.join(",", categories));
  }

  @Transactional
  @SuppressWarnings("unchecked")
  public Slice ofCaseAfter(String caseNumber, Set<String> scope, long after, int subjects) {
    CaseScope c = caseScope(caseNumber, scope);
    if (c == null) {
      return new Slice("", after, Set.of());
    }
    long caseId = c.caseId();
    String scopeKey = c.key();
    List<Number> ids =
        em.createNativeQuery("select id from subjects where case_id = ? and id > ? order by id")
            .setParameter(1, caseId)
            .setParameter(2, after)
            .setMaxResults(subjects)
            .getResultList();
    if (ids.isEmpty()) {
      return new Slice(scopeKey, after, Set.of());
    }
    long through = ids.get(ids.size() - 1).longValue();
    Set<ByteString> inputs = new java.util.LinkedHashSet<>();
    inputsOf(
        "s.case_id = :id and s.id > :after and s.id <= :through",
        Map.of("id", caseId, "after", after, "through", through),
        (input, id) -> inputs.add(input));
    return new Slice(scopeKey, through, inputs);
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

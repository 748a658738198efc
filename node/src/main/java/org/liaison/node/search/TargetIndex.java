package org.liaison.node.search;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.jpa.HibernateHints;
import org.liaison.node.identifiers.IdentifierNormalizer;
import org.liaison.node.identifiers.InvalidIdentifierException;
import org.liaison.node.identifiers.NameMatch.Confidence;
import org.liaison.node.identifiers.NormalizedIdentifier;
import org.liaison.node.records.CaseFile;
import org.liaison.node.records.CaseStatus;
import org.liaison.wire.v1.IdentifierType;

/**
 * Target de-confliction: which of this node's ACTIVE cases have a subject with this identifier (or
 * this person). Answers with case numbers and case agents only. Read-only; one indexed lookup on
 * (type, normalised value).
 */
@ApplicationScoped
public class TargetIndex {
  private final EntityManager em;

  @Inject
  public TargetIndex(EntityManager em) {
    this.em = em;
  }

  /**
   * Active cases with a subject carrying this identifier (exact match after normalisation).
   *
   * @throws InvalidIdentifierException when the identifier is not valid for its type
   */
  @Transactional
  public List<CaseRef> activeCasesFor(IdentifierType type, String raw, String country) {
    NormalizedIdentifier id = IdentifierNormalizer.normalize(type, raw, country);
    boolean countryMatters = id.countryMustAgree();
    TypedQuery<CaseFile> query =
        em.createQuery(
                "select distinct c from SubjectIdentifier i join i.subject s join s.caseFile c"
                    + " where i.type = :type and i.normalisedValue = :value and c.status = :active"
                    + (countryMatters ? " and (i.country is null or i.country = :country)" : "")
                    + " order by c.caseNumber",
                CaseFile.class)
            .setParameter("type", type)
            .setParameter("value", id.value())
            .setParameter("active", CaseStatus.ACTIVE)
            .setHint(HibernateHints.HINT_READ_ONLY, true);
    if (countryMatters) {
      query.setParameter("country", id.country());
    }
    List<CaseRef> refs = new ArrayList<>();
    for (CaseFile c : query.getResultList()) {
      refs.add(new CaseRef(c.getCaseNumber(), Contacts.of(c)));
    }
    return refs;
  }

  /**
   * Active cases with a person subject matching this name and date of birth at HIGH confidence
   * (name and date of birth both agree, see docs/matching.md): a weaker match would raise officer
   * alerts on namesakes.
   *
   * @throws InvalidIdentifierException when the name has no letters
   */
  @Transactional
  public List<CaseRef> activeCasesForPerson(String name, LocalDate dob) {
    Map<String, CaseRef> refs = new LinkedHashMap<>();
    for (PersonCandidates.Candidate candidate :
        PersonCandidates.find(em, name, dob, Confidence.HIGH)) {
      CaseFile c = candidate.subject().getCaseFile();
      if (c.getStatus() == CaseStatus.ACTIVE) {
        refs.putIfAbsent(c.getCaseNumber(), new CaseRef(c.getCaseNumber(), Contacts.of(c)));
      }
    }
    return new ArrayList<>(refs.values());
  }
}

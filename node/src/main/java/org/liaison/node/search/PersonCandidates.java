package org.liaison.node.search;

import jakarta.persistence.EntityManager;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.hibernate.jpa.HibernateHints;
import org.liaison.node.identifiers.NameMatch;
import org.liaison.node.identifiers.NameMatcher;
import org.liaison.node.identifiers.PersonKeys;
import org.liaison.node.records.Subject;
import org.liaison.node.records.SubjectKind;

/** Persons found through the name index, confirmed and graded by the name matcher. */
final class PersonCandidates {
  /** A name key shared by more persons than this is too common to read them all. */
  static final int MAX_CANDIDATES = 500;

  record Candidate(Subject subject, NameMatch match) {}

  private PersonCandidates() {}

  static List<Candidate> find(
      EntityManager em, String name, LocalDate dob, NameMatch.Confidence atLeast) {
    Set<String> keys = PersonKeys.of(name);
    List<Subject> subjects =
        em.createQuery(
                "select distinct s from Subject s join s.nameKeys k where s.kind = :person and k in :keys",
                Subject.class)
            .setParameter("person", SubjectKind.PERSON)
            .setParameter("keys", keys)
            .setHint(HibernateHints.HINT_READ_ONLY, true)
            .setMaxResults(MAX_CANDIDATES)
            .getResultList();
    List<Candidate> candidates = new ArrayList<>();
    for (Subject subject : subjects) {
      NameMatch match =
          NameMatcher.match(name, dob, subject.getDisplayName(), subject.getDateOfBirth());
      if (match.matches() && match.confidence().atLeast(atLeast)) {
        candidates.add(new Candidate(subject, match));
      }
    }
    candidates.sort(Comparator.comparing((Candidate c) -> c.match().confidence()).reversed());
    return candidates;
  }
}

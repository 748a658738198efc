package org.liaison.node.search;

import jakarta.persistence.EntityManager;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hibernate.jpa.HibernateHints;
import org.liaison.node.identifiers.NameMatch;
import org.liaison.node.identifiers.NameMatcher;
import org.liaison.node.identifiers.PersonName;
import org.liaison.node.records.Subject;
import org.liaison.node.records.SubjectKind;

/**
 * Persons found through the name index (the same name in any spelling or script) and, when a date
 * of birth is given, through the date (initials, typing and gender variants of the name, which
 * share no key), then graded by the name matcher.
 */
final class PersonCandidates {
  /** A name key shared by more persons than this is too common to read them all. */
  static final int MAX_CANDIDATES = 500;

  record Candidate(Subject subject, NameMatch match) {}

  private PersonCandidates() {}

  static List<Candidate> find(
      EntityManager em, String name, LocalDate dob, NameMatch.Confidence atLeast) {
    PersonName asked = PersonName.parse(name);
    Map<Long, Subject> subjects = new LinkedHashMap<>();
    Set<String> keys = asked.keys();
    if (!keys.isEmpty()) {
      em.createQuery(
              "select distinct s from Subject s join s.nameKeys k where s.kind = :person and k in"
                  + " :keys",
              Subject.class)
          .setParameter("person", SubjectKind.PERSON)
          .setParameter("keys", keys)
          .setHint(HibernateHints.HINT_READ_ONLY, true)
          .setMaxResults(MAX_CANDIDATES)
          .getResultList()
          .forEach(s -> subjects.put(s.getId(), s));
    }
    // below HIGH, a name sharing no key can still be the person (MEDIUM or LOW) with the same date
    if (dob != null && atLeast != NameMatch.Confidence.HIGH) {
      em.createQuery(
              "select s from Subject s where s.kind = :person and s.dateOfBirth = :dob",
              Subject.class)
          .setParameter("person", SubjectKind.PERSON)
          .setParameter("dob", dob)
          .setHint(HibernateHints.HINT_READ_ONLY, true)
          .setMaxResults(MAX_CANDIDATES)
          .getResultList()
          .forEach(s -> subjects.putIfAbsent(s.getId(), s));
    }
    List<Candidate> candidates = new ArrayList<>();
    for (Subject subject : subjects.values()) {
      NameMatch match =
          NameMatcher.match(
              asked, dob, PersonName.parse(subject.getDisplayName()), subject.getDateOfBirth());
      if (match.matches() && match.confidence().atLeast(atLeast)) {
        candidates.add(new Candidate(subject, match));
      }
    }
    candidates.sort(Comparator.comparing((Candidate c) -> c.match().confidence()).reversed());
    return candidates;
  }
}

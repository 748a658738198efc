package org.liaison.node.search;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.hibernate.jpa.HibernateHints;
import org.liaison.node.identifiers.NameMatch;
import org.liaison.node.identifiers.NameMatcher;
import org.liaison.node.identifiers.PersonName;
import org.liaison.node.records.Subject;
import org.liaison.node.records.SubjectKind;

/**
 * Persons found through the name index (the same name in any spelling or script), confirmed and
 * graded by the one name matcher. With a date of birth, the index on (name key, date of birth) is
 * asked for that date, so a common name costs no more than a rare one at HIGH confidence; below
 * HIGH it is also asked for no date and near dates, and the date index for persons born that day
 * whose name shares no key (initials, typing and gender variants).
 */
final class PersonCandidates {
  /** A name key shared by more persons than this is too common to read them all. */
  static final int MAX_CANDIDATES = 500;

  record Candidate(Subject subject, NameMatch match) {}

  private PersonCandidates() {}

  static List<Candidate> find(
      EntityManager em, String name, LocalDate dob, NameMatch.Confidence atLeast) {
    PersonName asked = PersonName.parse(name);
    Set<String> keys = asked.keys();
    Map<Long, Subject> subjects = new LinkedHashMap<>();
    if (keys.isEmpty()) {
      // no key to look up (no letters to key): only the date can find candidates below
    } else if (dob != null) {
      add(subjects, query(em, keys, " and k.dateOfBirth = :dob").setParameter("dob", dob));
      if (!atLeast.atLeast(NameMatch.Confidence.HIGH)) {
        // no date, or a near one, still matches at MEDIUM or LOW (docs/matching.md): no date and
        // the same year are index ranges; another year with the same day is read from the names'
        // persons, at most MAX_CANDIDATES of them
        add(subjects, query(em, keys, " and k.dateOfBirth is null"));
        add(
            subjects,
            query(em, keys, " and k.dateOfBirth between :first and :last")
                .setParameter("first", dob.withDayOfYear(1))
                .setParameter("last", dob.withDayOfYear(dob.lengthOfYear())));
        Set<LocalDate> otherYears = new TreeSet<>(NameMatcher.datesNear(dob));
        otherYears.removeIf(d -> d.getYear() == dob.getYear());
        add(
            subjects,
            query(em, keys, " and k.dateOfBirth in :near").setParameter("near", otherYears));
      }
    } else {
      add(subjects, query(em, keys, ""));
    }
    if (dob != null && !atLeast.atLeast(NameMatch.Confidence.HIGH)) {
      add(
          subjects,
          em.createQuery(
                  "select s from Subject s where s.kind = :person and s.dateOfBirth = :dob",
                  Subject.class)
              .setParameter("person", SubjectKind.PERSON)
              .setParameter("dob", dob)
              .setHint(HibernateHints.HINT_READ_ONLY, true)
              .setMaxResults(MAX_CANDIDATES));
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

  private static TypedQuery<Subject> query(EntityManager em, Set<String> keys, String dates) {
    return em.createQuery(
            "select distinct s from Subject s join s.nameKeys k where s.kind = :person"
                + " and k.nameKey in :keys"
                + dates,
            Subject.class)
        .setParameter("person", SubjectKind.PERSON)
        .setParameter("keys", keys)
        .setHint(HibernateHints.HINT_READ_ONLY, true)
        .setMaxResults(MAX_CANDIDATES);
  }

  private static void add(Map<Long, Subject> subjects, TypedQuery<Subject> query) {
    for (Subject s : query.getResultList()) {
      subjects.putIfAbsent(s.getId(), s);
    }
  }
}

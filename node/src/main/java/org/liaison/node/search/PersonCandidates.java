package org.liaison.node.search;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.liaison.node.identifiers.NameMatch;
import org.liaison.node.identifiers.NameMatcher;
import org.liaison.node.identifiers.PersonName;

/**
 * Persons found through the name index (the same name in any spelling or script), confirmed and
 * graded by the one name matcher.
 *
 * <p>Every read of the name index names its key and its date (an exact date, a range or no date) so
 * that it is one seek into the index on (name key, date of birth): H2 uses an index for an {@code
 * IN} list only on its first column, so {@code name_key in (...) and date_of_birth = ?} walked the
 * whole index (decision 0075). The persons are read as id, name and date by JDBC, not as entities,
 * and each distinct name is parsed once.
 *
 * <p>The work is bounded by what a lookup can return: the asked date (HIGH) is read in full; each
 * wider condition below HIGH (no date, the same year, the same day of another year, the date index
 * for names that share no key) reads at most {@link #MAX_CANDIDATES} persons.
 */
final class PersonCandidates {
  /** A wider condition (below HIGH) reads at most this many persons. */
  static final int MAX_CANDIDATES = 500;

  record Candidate(long subjectId, NameMatch match) {}

  private static final String PERSON_KEYS =
      "select s.id, s.display_name, s.date_of_birth from subject_name_keys k"
          + " join subjects s on s.id = k.subject_id where s.kind = 'PERSON' and ";

  private PersonCandidates() {}

  static List<Candidate> find(
      Connection c, String name, LocalDate dob, NameMatch.Confidence atLeast) throws SQLException {
    PersonName asked = PersonName.parse(name);
    List<String> keys = List.copyOf(asked.keys());
    boolean belowHigh = !atLeast.atLeast(NameMatch.Confidence.HIGH);
    Persons persons = new Persons();
    if (keys.isEmpty()) {
      // no key to look up (no letters to key): only the date can find candidates below
    } else if (dob != null) {
      persons.read(c, keyDates(keys, List.of(dob)), Integer.MAX_VALUE);
      if (belowHigh) {
        // no date, or a near one, still matches at MEDIUM or LOW (docs/matching.md)
        int budget = MAX_CANDIDATES;
        for (String key : keys) {
          budget -= persons.read(c, keyWithoutDate(key), budget);
        }
        budget = MAX_CANDIDATES;
        for (String key : keys) {
          budget -= persons.read(c, keyInYear(key, dob), budget);
        }
        Set<LocalDate> otherYears = new TreeSet<>(NameMatcher.datesNear(dob));
        otherYears.removeIf(d -> d.getYear() == dob.getYear());
        persons.read(c, keyDates(keys, otherYears), MAX_CANDIDATES);
      }
    } else {
      int budget = MAX_CANDIDATES;
      for (String key : keys) {
        budget -= persons.read(c, anyDate(key), budget);
      }
    }
    if (dob != null && belowHigh) {
      persons.read(c, bornOn(dob), MAX_CANDIDATES);
    }
    return persons.graded(asked, dob, atLeast);
  }

  /** A statement and its parameters. */
  private record Read(String sql, List<Object> params) {}

  /** Each key with each date: one seek per pair (H2 uses the two-column index for row values). */
  private static Read keyDates(List<String> keys, Collection<LocalDate> dates) {
    List<Object> params = new ArrayList<>();
    for (String key : keys) {
      for (LocalDate date : dates) {
        params.add(key);
        params.add(date);
      }
    }
    return new Read(
        PERSON_KEYS
            + "(k.name_key, k.date_of_birth) in ("
            + String.join(",", Collections.nCopies(params.size() / 2, "(?, ?)"))
            + ")",
        params);
  }

  private static Read keyWithoutDate(String key) {
    return new Read(PERSON_KEYS + "k.name_key = ? and k.date_of_birth is null", List.of(key));
  }

  private static Read keyInYear(String key, LocalDate dob) {
    return new Read(
        PERSON_KEYS + "k.name_key = ? and k.date_of_birth between ? and ?",
        List.of(key, dob.withDayOfYear(1), dob.withDayOfYear(dob.lengthOfYear())));
  }

  private static Read anyDate(String key) {
    return new Read(PERSON_KEYS + "k.name_key = ?", List.of(key));
  }

  private static Read bornOn(LocalDate dob) {
    return new Read(
        "select s.id, s.display_name, s.date_of_birth from subjects s"
            + " where s.kind = 'PERSON' and s.date_of_birth = ?",
        List.of(dob));
  }

  /** The persons read so far, once each, in the order first read. */
  private static final class Persons {
    private record Person(String name, LocalDate dateOfBirth) {}

    private final Map<Long, Person> byId = new LinkedHashMap<>();

    /** Reads at most {@code limit} rows; returns how many were read. */
    int read(Connection c, Read read, int limit) throws SQLException {
      if (limit <= 0 || read.params().isEmpty()) {
        return 0;
      }
      try (PreparedStatement ps = c.prepareStatement(read.sql())) {
        if (limit < Integer.MAX_VALUE) {
          ps.setMaxRows(limit);
        }
        for (int i = 0; i < read.params().size(); i++) {
          ps.setObject(i + 1, read.params().get(i));
        }
        int rows = 0;
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            rows++;
            byId.putIfAbsent(
                rs.getLong(1), new Person(rs.getString(2), rs.getObject(3, LocalDate.class)));
          }
        }
        return rows;
      }
    }

    List<Candidate> graded(PersonName asked, LocalDate dob, NameMatch.Confidence atLeast) {
      Map<String, PersonName> parsed = new HashMap<>();
      List<Candidate> candidates = new ArrayList<>();
      for (Map.Entry<Long, Person> e : byId.entrySet()) {
        Person p = e.getValue();
        NameMatch match =
            NameMatcher.match(
                asked, dob, parsed.computeIfAbsent(p.name(), PersonName::parse), p.dateOfBirth());
        if (match.matches() && match.confidence().atLeast(atLeast)) {
          candidates.add(new Candidate(e.getKey(), match));
        }
      }
      candidates.sort(Comparator.comparing((Candidate c) -> c.match().confidence()).reversed());
      return candidates;
    }
  }
}

package org.liaison.node.identifiers;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.liaison.node.identifiers.NameMatch.Confidence;

/**
 * The one definition of "the same person" (query, target check, automatic checks): decides from two
 * names (any script) and dates of birth whether they are the same person, and at which confidence.
 * Two names are the same name (EXACT or PHONETIC) exactly when they share a {@link
 * PersonName#keys() key}; private matching compares the same keys bound to the date of birth, so a
 * check conflicts exactly when this matcher answers HIGH. The weaker grades (SIMILAR, INITIALS,
 * GENDER_VARIANT) only ever reach MEDIUM or LOW, which queries report and checks never raise, and
 * only with the same date of birth on both sides. So every pair this matcher accepts shares a key
 * or a date of birth, the two ways a lookup finds candidates ({@code search.PersonCandidates}).
 * Rules and levels: docs/matching.md.
 */
public final class NameMatcher {
  /** Words this close are typing variants even when their phonetic codes differ. */
  private static final double SIMILAR_WORD = 0.92;

  private static final JaroWinklerSimilarity JARO_WINKLER = new JaroWinklerSimilarity();

  /** How two names compare, best first. */
  enum NameGrade {
    EXACT,
    PHONETIC,
    SIMILAR,
    INITIALS,
    GENDER_VARIANT,
    DIFFERENT
  }

  private NameMatcher() {}

  /**
   * Matches two persons.
   *
   * @param dobA date of birth of the first, or null when unknown
   * @param dobB date of birth of the second, or null when unknown
   * @throws InvalidIdentifierException when a name has no letters
   */
  public static NameMatch match(String nameA, LocalDate dobA, String nameB, LocalDate dobB) {
    return match(PersonName.parse(nameA), dobA, PersonName.parse(nameB), dobB);
  }

  /** Matches two parsed persons; see {@link #match(String, LocalDate, String, LocalDate)}. */
  public static NameMatch match(PersonName a, LocalDate dobA, PersonName b, LocalDate dobB) {
    NameGrade grade = grade(a, b);
    if (grade == NameGrade.DIFFERENT) {
      return new NameMatch(Confidence.NONE, "NAME_MISMATCH");
    }
    String name = "NAME_" + grade.name();
    boolean sameName = grade == NameGrade.EXACT || grade == NameGrade.PHONETIC;
    if (dobA == null || dobB == null) {
      // below the same name, only a shared date of birth makes a candidate: a lookup finds names
      // sharing no key through the date alone (docs/matching.md), so a typing variant without a
      // date would be a match that no lookup can find
      return sameName
          ? new NameMatch(Confidence.MEDIUM, name)
          : new NameMatch(Confidence.NONE, name);
    }
    if (dobA.equals(dobB)) {
      return switch (grade) {
        case EXACT, PHONETIC -> new NameMatch(Confidence.HIGH, name + "+DOB");
        case SIMILAR -> new NameMatch(Confidence.MEDIUM, name + "+DOB");
        default -> new NameMatch(Confidence.LOW, name + "+DOB");
      };
    }
    if (sameName && nearDates(dobA, dobB)) {
      return new NameMatch(Confidence.LOW, name + "+DOB_NEAR");
    }
    return new NameMatch(Confidence.NONE, "DOB_MISMATCH");
  }

  /** The name grade: by shared keys first, then word by word over every reading of both names. */
  static NameGrade grade(PersonName a, PersonName b) {
    if (!Collections.disjoint(a.exactKeys(), b.exactKeys())) {
      return NameGrade.EXACT;
    }
    if (!Collections.disjoint(a.keys(), b.keys())) {
      return NameGrade.PHONETIC;
    }
    NameGrade best = NameGrade.DIFFERENT;
    for (PersonName.Form fa : a.forms()) {
      for (PersonName.Form fb : b.forms()) {
        NameGrade g = looseGrade(fa, fb);
        if (g.compareTo(best) < 0) {
          best = g;
        }
      }
    }
    if (best == NameGrade.DIFFERENT
        && !Collections.disjoint(a.ungenderedKeys(), b.ungenderedKeys())) {
      return NameGrade.GENDER_VARIANT;
    }
    return best;
  }

  /**
   * Names that share no key, word by word: full words are paired with close words of the other
   * name, and a word left over may be covered by an initial of the other ("D." for Dmitriy). Words
   * left over on both sides mean different persons; a word left over on one side only is a middle
   * name the other did not write. INITIALS when an initial was needed or both names have the same
   * initial, else SIMILAR when at least two words (or both names' only word) are close.
   */
  private static NameGrade looseGrade(PersonName.Form a, PersonName.Form b) {
    List<String> leftA = new ArrayList<>(a.words());
    List<String> leftB = new ArrayList<>(b.words());
    int paired = 0;
    for (int i = 0; i < leftA.size(); i++) {
      for (int j = 0; j < leftB.size(); j++) {
        if (similarWords(leftA.get(i), leftB.get(j))) {
          leftA.remove(i--);
          leftB.remove(j);
          paired++;
          break;
        }
      }
    }
    if (paired == 0) {
      return NameGrade.DIFFERENT;
    }
    int covered = cover(leftA, b.initials()) + cover(leftB, a.initials());
    if (!leftA.isEmpty() && !leftB.isEmpty()) {
      return NameGrade.DIFFERENT;
    }
    if (!Collections.disjoint(a.initials(), b.initials())) {
      covered++; // "F. Lefevre" and "F. Xavier Lefevre": the same initial on both sides
    }
    if (covered == 0 && paired == 1 && !a.initials().isEmpty() && !b.initials().isEmpty()) {
      // "D. Volkov" and "S. Volkov": the initials disagree
      return NameGrade.DIFFERENT;
    }
    if (covered > 0) {
      return NameGrade.INITIALS;
    }
    boolean bothOneWord = a.words().size() == 1 && b.words().size() == 1;
    return paired >= 2 || bothOneWord ? NameGrade.SIMILAR : NameGrade.DIFFERENT;
  }

  /** Removes the words that these initials abbreviate; returns how many. */
  private static int cover(List<String> words, List<String> initials) {
    int covered = 0;
    for (String initial : initials) {
      for (int i = 0; i < words.size(); i++) {
        String word = words.get(i);
        if (word.startsWith(initial) || Names.initial(word).startsWith(initial)) {
          words.remove(i);
          covered++;
          break;
        }
      }
    }
    return covered;
  }

  /**
   * The same word written or typed differently; never Volkov and Volkova (the feminine form of a
   * name is another person, graded GENDER_VARIANT).
   */
  private static boolean similarWords(String a, String b) {
    if (a.equals(b)) {
      return true;
    }
    if (a.endsWith("a") != b.endsWith("a")
        && !Collections.disjoint(Names.codes(a, false), Names.codes(b, false))) {
      return false;
    }
    return !Collections.disjoint(Names.codes(a, true), Names.codes(b, true))
        || JARO_WINKLER.apply(a, b) >= SIMILAR_WORD;
  }

  /**
   * Every date {@link #match} calls near this one (one of year, month and day differs, or day and
   * month are swapped), years from 1900 to next year: a lookup asks the index for these instead of
   * reading every namesake.
   */
  public static Set<LocalDate> datesNear(LocalDate dob) {
    Set<LocalDate> near = new java.util.TreeSet<>();
    int lastYear = LocalDate.now().getYear() + 1;
    for (int y = 1900; y <= lastYear; y++) {
      addIfValid(near, y, dob.getMonthValue(), dob.getDayOfMonth());
    }
    for (int m = 1; m <= 12; m++) {
      addIfValid(near, dob.getYear(), m, dob.getDayOfMonth());
    }
    for (int d = 1; d <= 31; d++) {
      addIfValid(near, dob.getYear(), dob.getMonthValue(), d);
    }
    addIfValid(near, dob.getYear(), dob.getDayOfMonth(), dob.getMonthValue());
    near.remove(dob);
    return near;
  }

  private static void addIfValid(Set<LocalDate> dates, int y, int m, int d) {
    if (m <= 12 && d <= java.time.YearMonth.of(y, m).lengthOfMonth()) {
      dates.add(LocalDate.of(y, m, d));
    }
  }

  /** One of year, month and day differs, or day and month are swapped. */
  private static boolean nearDates(LocalDate a, LocalDate b) {
    int same =
        (a.getYear() == b.getYear() ? 1 : 0)
            + (a.getMonthValue() == b.getMonthValue() ? 1 : 0)
            + (a.getDayOfMonth() == b.getDayOfMonth() ? 1 : 0);
    boolean swapped =
        a.getYear() == b.getYear()
            && a.getMonthValue() == b.getDayOfMonth()
            && a.getDayOfMonth() == b.getMonthValue();
    return same == 2 || swapped;
  }
}

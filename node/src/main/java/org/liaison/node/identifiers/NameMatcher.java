package org.liaison.node.identifiers;

import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.liaison.node.identifiers.NameMatch.Confidence;

/**
 * Decides whether two persons are the same, from their names (any script) and dates of birth. The
 * rules and what each confidence means are in docs/matching.md.
 */
public final class NameMatcher {
  /** Below this, phonetically equal words are a coincidence of the code, not the same word. */
  private static final double PHONETIC_FLOOR = 0.70;

  /** Words this close are typing variants even when their phonetic codes differ. */
  private static final double SIMILAR_WORD = 0.92;

  private static final JaroWinklerSimilarity JARO_WINKLER = new JaroWinklerSimilarity();

  /** How two names compare, best first. */
  enum NameGrade {
    EXACT,
    PHONETIC,
    SIMILAR,
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
    NameGrade grade = grade(nameA, nameB);
    if (grade == NameGrade.DIFFERENT) {
      return new NameMatch(Confidence.NONE, "NAME_MISMATCH");
    }
    String name = "NAME_" + grade.name();
    if (dobA == null || dobB == null) {
      return switch (grade) {
        case EXACT, PHONETIC -> new NameMatch(Confidence.MEDIUM, name);
        case SIMILAR -> new NameMatch(Confidence.LOW, name);
        default -> new NameMatch(Confidence.NONE, name);
      };
    }
    if (dobA.equals(dobB)) {
      return switch (grade) {
        case EXACT, PHONETIC -> new NameMatch(Confidence.HIGH, name + "+DOB");
        case SIMILAR -> new NameMatch(Confidence.MEDIUM, name + "+DOB");
        default -> new NameMatch(Confidence.LOW, name + "+DOB");
      };
    }
    if (nearDates(dobA, dobB) && (grade == NameGrade.EXACT || grade == NameGrade.PHONETIC)) {
      return new NameMatch(Confidence.LOW, name + "+DOB_NEAR");
    }
    return new NameMatch(Confidence.NONE, "DOB_MISMATCH");
  }

  /** The best grade over every transliteration of both names. */
  static NameGrade grade(String nameA, String nameB) {
    NameGrade best = NameGrade.DIFFERENT;
    for (List<String> a : Names.latinForms(nameA)) {
      for (List<String> b : Names.latinForms(nameB)) {
        NameGrade g = gradeTokens(a, b);
        if (g.compareTo(best) < 0) {
          best = g;
        }
      }
    }
    return best;
  }

  /**
   * Every word of the shorter name must match its own word of the longer one (so a patronymic or
   * middle name on one side only does not prevent a match); the name grade is the worst of the word
   * grades. At least two words must match unless both names are one word.
   */
  private static NameGrade gradeTokens(List<String> a, List<String> b) {
    List<String> shorter = a.size() <= b.size() ? a : b;
    List<String> longer = a.size() <= b.size() ? b : a;
    if (shorter.size() == 1 && longer.size() > 1) {
      return NameGrade.DIFFERENT;
    }
    boolean[] used = new boolean[longer.size()];
    NameGrade worst = NameGrade.EXACT;
    for (String word : shorter) {
      int bestIndex = -1;
      NameGrade bestGrade = NameGrade.DIFFERENT;
      for (int i = 0; i < longer.size(); i++) {
        if (!used[i]) {
          NameGrade g = gradeWords(word, longer.get(i));
          if (g.compareTo(bestGrade) < 0) {
            bestGrade = g;
            bestIndex = i;
          }
        }
      }
      if (bestIndex < 0 || bestGrade == NameGrade.DIFFERENT) {
        return NameGrade.DIFFERENT;
      }
      used[bestIndex] = true;
      if (bestGrade.compareTo(worst) > 0) {
        worst = bestGrade;
      }
    }
    return worst;
  }

  static NameGrade gradeWords(String a, String b) {
    if (a.equals(b)) {
      return NameGrade.EXACT;
    }
    if (genderForms(a, b)) {
      return NameGrade.GENDER_VARIANT;
    }
    double similarity = JARO_WINKLER.apply(a, b);
    Set<String> codesA = Names.codes(a);
    if (similarity >= PHONETIC_FLOOR && !Collections.disjoint(codesA, Names.codes(b))) {
      return NameGrade.PHONETIC;
    }
    return similarity >= SIMILAR_WORD ? NameGrade.SIMILAR : NameGrade.DIFFERENT;
  }

  /**
   * Volkov and Volkova, Aleksandr and Aleksandra: the same stem, one with the feminine ending "a"
   * after a consonant. Slavic surnames and many given names mark gender this way, so these are two
   * persons, however alike they sound.
   */
  private static boolean genderForms(String a, String b) {
    if (a.endsWith("a") == b.endsWith("a")) {
      return false;
    }
    String feminine = a.endsWith("a") ? a : b;
    String other = a.endsWith("a") ? b : a;
    char last = other.charAt(other.length() - 1);
    boolean consonantStem = "aeiouy".indexOf(last) < 0 && feminine.equals(other + "a");
    boolean adjectivalSurname = feminine.endsWith("skaya") && other.matches(".*sk(iy|ij|y|i)$");
    return consonantStem || adjectivalSurname;
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

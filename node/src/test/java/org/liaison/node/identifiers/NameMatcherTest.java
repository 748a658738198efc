package org.liaison.node.identifiers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.liaison.node.identifiers.NameMatch.Confidence;

/** The name variant table of docs/matching.md: what matches "Dmitriy Volkov, 1979-03-14". */
class NameMatcherTest {
  private static final String HELD = "Dmitriy Volkov";
  private static final LocalDate HELD_DOB = LocalDate.of(1979, 3, 14);

  @ParameterizedTest(name = "{0} {1} -> {2} {3}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "Dmitriy Volkov            | 1979-03-14 | HIGH   | NAME_EXACT+DOB",
        "Дмитрий Волков            | 1979-03-14 | HIGH   | NAME_EXACT+DOB",
        "ВОЛКОВ Дмитрий            | 1979-03-14 | HIGH   | NAME_EXACT+DOB",
        "Dmitry Volkov             | 1979-03-14 | HIGH   | NAME_PHONETIC+DOB",
        "Dmitrii Volkov            | 1979-03-14 | HIGH   | NAME_PHONETIC+DOB",
        "Dmitri Wolkow             | 1979-03-14 | HIGH   | NAME_PHONETIC+DOB",
        "Volkov, Dmitrij           | 1979-03-14 | HIGH   | NAME_PHONETIC+DOB",
        "Дмитрий Сергеевич Волков  | 1979-03-14 | HIGH   | NAME_EXACT+DOB",
        "Dmitrii S. Volkov         | 1979-03-14 | HIGH   | NAME_PHONETIC+DOB",
        "VOLKOV Dmitriy Sergeyevich| 1979-03-14 | HIGH   | NAME_EXACT+DOB",
        "Dmitrii Volkov            | 1979-03-14 | HIGH   | NAME_PHONETIC+DOB",
        "DMITRII VOLKOV            | 1979-03-14 | HIGH   | NAME_PHONETIC+DOB",
        "D. Volkov                 | 1979-03-14 | LOW    | NAME_INITIALS+DOB",
        "D. S. Volkov              | 1979-03-14 | LOW    | NAME_INITIALS+DOB",
        "D. Volkov                 | -          | NONE   | NAME_INITIALS",
        "Dmitriy Volkov            | -          | MEDIUM | NAME_EXACT",
        "Дмитрий Волков            | -          | MEDIUM | NAME_EXACT",
        "Dmitri Wolkow             | -          | MEDIUM | NAME_PHONETIC",
        "Dmitriy Volkob            | 1979-03-14 | MEDIUM | NAME_SIMILAR+DOB",
        "Dmitriy Volkob            | -          | NONE   | NAME_SIMILAR",
        "Dmitriy Volkov            | 1979-03-15 | LOW    | NAME_EXACT+DOB_NEAR",
        "Dmitriy Volkov            | 1985-07-02 | NONE   | DOB_MISMATCH",
        "Dmitriy Volkova           | 1979-03-14 | LOW    | NAME_GENDER_VARIANT+DOB",
        "Дмитрий Волкова           | -          | NONE   | NAME_GENDER_VARIANT",
        "Vladimir Volkov           | 1979-03-14 | NONE   | NAME_MISMATCH",
        "Dmitriy Sokolov           | 1979-03-14 | NONE   | NAME_MISMATCH",
        "Volkov                    | 1979-03-14 | NONE   | NAME_MISMATCH",
      })
  void match_variantTable(String name, String dob, Confidence expected, String rule) {
    NameMatch match =
        NameMatcher.match(HELD, HELD_DOB, name, dob == null ? null : LocalDate.parse(dob));
    assertThat(match.confidence()).as(name).isEqualTo(expected);
    assertThat(match.rule()).as(name).isEqualTo(rule);
  }

  @Test
  void match_isSymmetric() {
    assertThat(NameMatcher.match("Дмитрий Волков", HELD_DOB, "Dmitri Wolkow", HELD_DOB))
        .isEqualTo(NameMatcher.match("Dmitri Wolkow", HELD_DOB, "Дмитрий Волков", HELD_DOB));
  }

  @Test
  void match_swappedDayAndMonthIsNear() {
    NameMatch match =
        NameMatcher.match(HELD, LocalDate.of(1979, 3, 4), HELD, LocalDate.of(1979, 4, 3));
    assertThat(match).isEqualTo(new NameMatch(Confidence.LOW, "NAME_EXACT+DOB_NEAR"));
  }

  @Test
  void match_adjectivalSurnameGenderForms() {
    assertThat(NameMatcher.match("Anna Kovalskaya", null, "Anna Kovalskiy", null).confidence())
        .isEqualTo(Confidence.NONE);
  }

  @Test
  void datesNear_areExactlyTheDatesTheMatcherCallsNear() {
    LocalDate dob = LocalDate.of(1979, 4, 3);
    java.util.Set<LocalDate> near = NameMatcher.datesNear(dob);

    assertThat(near)
        .contains(
            LocalDate.of(1979, 4, 4),
            LocalDate.of(1979, 9, 3),
            LocalDate.of(1991, 4, 3),
            LocalDate.of(1979, 3, 4))
        .doesNotContain(dob, LocalDate.of(1980, 5, 3));
    // every day from 1900 on: near ones are LOW, all others NONE, the date itself HIGH
    for (LocalDate d = LocalDate.of(1900, 1, 1); d.getYear() <= 2026; d = d.plusDays(1)) {
      Confidence c = NameMatcher.match(HELD, dob, HELD, d).confidence();
      Confidence expected =
          d.equals(dob) ? Confidence.HIGH : near.contains(d) ? Confidence.LOW : Confidence.NONE;
      assertThat(c).as(d.toString()).isEqualTo(expected);
    }
  }

  /** Issue 11: the two persons the query missed while the check found them. */
  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Волков Дмитрий Сергеевич | Dmitrii S. Volkov",
        "Петров Иван Николаевич   | Ivan N. Petrov",
      })
  void match_middleInitialAgainstPatronymic(String held, String asked) {
    LocalDate dob = LocalDate.of(1979, 3, 14);
    assertThat(NameMatcher.match(held, dob, asked, dob).confidence()).isEqualTo(Confidence.HIGH);
    assertThat(PersonKeys.of(held)).containsAnyElementsOf(PersonKeys.of(asked));
  }

  @Test
  void match_differentGivenNameWithTheSamePatronymicIsNotTheSamePerson() {
    LocalDate dob = LocalDate.of(1979, 3, 14);
    assertThat(
            NameMatcher.match("Волков Дмитрий Сергеевич", dob, "Волков Иван Сергеевич", dob)
                .confidence())
        .isEqualTo(Confidence.NONE);
  }
}

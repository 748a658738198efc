package org.liaison.node.identifiers;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;

/**
 * Fuzzes the person-name keys ({@link PersonKeys}) and matcher ({@link NameMatcher}), which read
 * every name that an import line, an officer's query or a partner's request carries, in any script.
 * Only {@link InvalidIdentifierException} may escape, with a sentence. A name without a full word
 * (initials only) has no key and matches nothing; any other name matches itself, matching is
 * symmetric, two names are the same name (EXACT or PHONETIC) exactly when they share an index key,
 * and every pair the matcher accepts at any confidence shares a key or the same date of birth: the
 * two ways a lookup finds candidates, so the index never misses a person the matcher would report.
 */
class NameFuzzTest {
  private static final LocalDate DOB = LocalDate.of(1979, 3, 14);

  /** The dates of birth each pair is matched with: same, missing on either side, near, other. */
  private static final LocalDate[][] DATES = {
    {DOB, DOB},
    {null, null},
    {DOB, null},
    {null, DOB},
    {DOB, DOB.plusDays(1)},
    {DOB, LocalDate.of(1985, 7, 2)},
  };

  @FuzzTest(maxDuration = "5m")
  void names(FuzzedDataProvider data) {
    String a = data.consumeString(80);
    String b = data.consumeRemainingAsString();
    Set<String> keysA;
    Set<String> keysB;
    try {
      keysA = PersonKeys.of(a);
      keysB = PersonKeys.of(b);
      NameMatcher.match(a, DOB, b, DOB);
    } catch (InvalidIdentifierException e) {
      assertThat(e.getMessage()).isNotBlank();
      return;
    }
    if (keysA.isEmpty() || keysB.isEmpty()) {
      // a name without a full word ("y", "J. K."): no key, and it matches nothing, not even
      // itself, since initials alone do not name a person (a lookup finds it through no key)
      for (LocalDate[] dates : DATES) {
        assertThat(NameMatcher.match(a, dates[0], b, dates[1]).matches())
            .as("'%s' (keys %s) and '%s' (keys %s) match", a, keysA, b, keysB)
            .isFalse();
      }
      return;
    }
    assertThat(NameMatcher.match(a, DOB, a, DOB).confidence()).isEqualTo(NameMatch.Confidence.HIGH);
    boolean sharedKey = !Collections.disjoint(keysA, keysB);
    boolean sameName =
        NameMatcher.match(a, null, b, null).confidence().atLeast(NameMatch.Confidence.MEDIUM);
    assertThat(sameName)
        .as("'%s' and '%s' are the same name iff they share a key", a, b)
        .isEqualTo(sharedKey);
    for (LocalDate[] dates : DATES) {
      NameMatch match = NameMatcher.match(a, dates[0], b, dates[1]);
      assertThat(NameMatcher.match(b, dates[1], a, dates[0])).isEqualTo(match);
      boolean sameDate = dates[0] != null && Objects.equals(dates[0], dates[1]);
      if (match.matches()) {
        assertThat(sharedKey || sameDate)
            .as(
                "'%s' and '%s' born %s match (%s) but share no key (%s, %s) and no date",
                a, b, Arrays.toString(dates), match, keysA, keysB)
            .isTrue();
      }
    }
  }
}

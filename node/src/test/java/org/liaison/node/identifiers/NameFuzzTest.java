package org.liaison.node.identifiers;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.LocalDate;

/**
 * Fuzzes the person-name keys ({@link PersonKeys}) and matcher ({@link NameMatcher}), which read
 * every name that an import line, an officer's query or a partner's request carries, in any script.
 * Only {@link InvalidIdentifierException} may escape, with a sentence; a name matches itself,
 * matching is symmetric, and two names that match exactly or phonetically share an index key (the
 * index finds every such candidate).
 */
class NameFuzzTest {

  @FuzzTest(maxDuration = "5m")
  void names(FuzzedDataProvider data) {
    String a = data.consumeString(80);
    String b = data.consumeRemainingAsString();
    LocalDate dob = LocalDate.of(1979, 3, 14);
    java.util.Set<String> keysA;
    java.util.Set<String> keysB;
    NameMatch match;
    try {
      keysA = PersonKeys.of(a);
      keysB = PersonKeys.of(b);
      match = NameMatcher.match(a, dob, b, dob);
    } catch (InvalidIdentifierException e) {
      assertThat(e.getMessage()).isNotBlank();
      return;
    }
    assertThat(keysA).isNotEmpty();
    assertThat(NameMatcher.match(a, dob, a, dob).confidence()).isEqualTo(NameMatch.Confidence.HIGH);
    assertThat(NameMatcher.match(b, dob, a, dob).confidence()).isEqualTo(match.confidence());
    if (NameMatcher.match(a, null, b, null).confidence().atLeast(NameMatch.Confidence.MEDIUM)) {
      // the index must find every candidate whose name alone matches exactly or phonetically;
      // one-word names that are only similar are not indexed together (see docs/fuzzing.md)
      assertThat(keysA).as("keys of '%s' and '%s', which match", a, b).containsAnyElementsOf(keysB);
    }
  }
}

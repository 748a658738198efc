package org.liaison.node.identifiers;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Index keys of a person's name, so that a lookup finds the spellings and scripts of the same name
 * without scanning. A key is the pair of phonetic codes of two of the name's tokens ("FLKF|TMTR"
 * for Dmitriy Volkov, Дмитрий Волков and Dmitri Wolkow alike); a one-word name has one-code keys.
 * Two names share a key when at least two of their words sound alike, which is the least {@link
 * NameMatcher} accepts; the matcher then confirms and grades each candidate.
 */
public final class PersonKeys {
  /** Tokens beyond this many (long multi-part names) do not add keys. */
  private static final int MAX_TOKENS = 4;

  private PersonKeys() {}

  /**
   * The index keys of a name in any script.
   *
   * @throws InvalidIdentifierException when the name has no letters
   */
  public static Set<String> of(String name) {
    Set<String> keys = new TreeSet<>();
    for (List<String> tokens : Names.latinForms(name)) {
      List<String> used = tokens.subList(0, Math.min(tokens.size(), MAX_TOKENS));
      if (used.size() == 1) {
        for (String code : Names.codes(used.get(0))) {
          keys.add(code);
        }
        continue;
      }
      for (int i = 0; i < used.size(); i++) {
        for (int j = i + 1; j < used.size(); j++) {
          for (String a : Names.codes(used.get(i))) {
            for (String b : Names.codes(used.get(j))) {
              keys.add(a.compareTo(b) <= 0 ? a + "|" + b : b + "|" + a);
            }
          }
        }
      }
    }
    return keys;
  }
}

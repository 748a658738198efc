package org.liaison.node.identifiers;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Collections;
import java.util.Set;

/**
 * Index keys of a person's name, so that a lookup finds the spellings and scripts of the same name
 * without scanning: the name's {@link PersonName#keys() match keys} ("FLKF|TMTR" for Dmitriy
 * Volkov, Дмитрий Волков and Dmitrii S. Volkov alike). Names sharing a key are the same name for
 * {@link NameMatcher}; the matcher then grades each candidate with the dates of birth.
 *
 * <p>The keys of the names asked most often and most recently are kept (at most {@link
 * #CACHED_NAMES}, Caffeine's eviction): an import names the same people in many lines, and
 * transliterating a name was a tenth of an import's CPU (decision 0078). The keys are a function of
 * the name's text alone, so a kept answer is the answer.
 */
public final class PersonKeys {
  /** Bumped whenever the keys of a name change; stored keys of older versions are recomputed. */
  public static final int VERSION = 2;

  /** Names whose keys are kept: about 4 MB at most. */
  static final int CACHED_NAMES = 16_384;

  // eviction runs on the calling thread, so the bound holds when a call returns
  private static final Cache<String, Set<String>> KEPT =
      Caffeine.newBuilder().maximumSize(CACHED_NAMES).executor(Runnable::run).build();

  private PersonKeys() {}

  /**
   * The index keys of a name in any script, in key order; the set cannot be changed.
   *
   * @throws InvalidIdentifierException when the name has no letters
   */
  public static Set<String> of(String name) {
    if (name == null) {
      return PersonName.parse(null).keys(); // refused with the reason
    }
    return KEPT.get(name, n -> Collections.unmodifiableSet(PersonName.parse(n).keys()));
  }

  /** How many names' keys are kept now. */
  static int keptNames() {
    KEPT.cleanUp();
    return (int) KEPT.estimatedSize();
  }
}

package org.liaison.node.identifiers;

import java.util.Set;

/**
 * Index keys of a person's name, so that a lookup finds the spellings and scripts of the same name
 * without scanning: the name's {@link PersonName#keys() match keys} ("FLKF|TMTR" for Dmitriy
 * Volkov, Дмитрий Волков and Dmitrii S. Volkov alike). Names sharing a key are the same name for
 * {@link NameMatcher}; the matcher then grades each candidate with the dates of birth.
 */
public final class PersonKeys {
  /** Bumped whenever the keys of a name change; stored keys of older versions are recomputed. */
  public static final int VERSION = 2;

  private PersonKeys() {}

  /**
   * The index keys of a name in any script.
   *
   * @throws InvalidIdentifierException when the name has no letters
   */
  public static Set<String> of(String name) {
    return PersonName.parse(name).keys();
  }
}

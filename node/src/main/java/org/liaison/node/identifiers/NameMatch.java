package org.liaison.node.identifiers;

/**
 * How well two persons (name and date of birth) match.
 *
 * @param confidence HIGH, MEDIUM, LOW or NONE
 * @param rule the rule that decided, e.g. "NAME_PHONETIC+DOB" (see docs/matching.md)
 */
public record NameMatch(Confidence confidence, String rule) {
  public enum Confidence {
    NONE,
    LOW,
    MEDIUM,
    HIGH;

    public boolean atLeast(Confidence other) {
      return compareTo(other) >= 0;
    }
  }

  public boolean matches() {
    return confidence != Confidence.NONE;
  }
}

package org.liaison.policy;

/** One clause the engine checked: which agreement, where in its YAML, passed or not, and why. */
public record Check(String agreementId, String clause, boolean passed, String sentence) {
  @Override
  public String toString() {
    return (passed ? "[ok]   " : "[FAIL] ")
        + agreementId
        + (clause.isEmpty() ? "" : " " + clause)
        + ": "
        + sentence;
  }
}

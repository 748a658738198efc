package org.liaison.pki;

import java.time.Duration;
import java.time.Instant;

/**
 * How long certificates are valid. {@code notBefore} null means "now" from the PKI's clock; tests
 * set it (and a short {@code leaf} duration) to make expired or not-yet-valid leaves. The override
 * applies to leaf certificates; a CA always starts at the clock's now.
 */
public record Validity(Duration ca, Duration leaf, Instant notBefore) {

  /** CA 10 years, leaves 1 year, starting now. */
  public static final Validity DEFAULT =
      new Validity(Duration.ofDays(3650), Duration.ofDays(365), null);

  public Validity {
    if (ca == null
        || ca.isNegative()
        || ca.isZero()
        || leaf == null
        || leaf.isNegative()
        || leaf.isZero()) {
      throw new IllegalArgumentException("validity durations must be positive");
    }
  }

  public Validity withLeaf(Duration leaf) {
    return new Validity(ca, leaf, notBefore);
  }

  public Validity withNotBefore(Instant notBefore) {
    return new Validity(ca, leaf, notBefore);
  }
}

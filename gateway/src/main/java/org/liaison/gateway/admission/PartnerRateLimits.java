package org.liaison.gateway.admission;

import com.google.common.util.concurrent.RateLimiter;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** A token bucket per partner agency, so one busy partner cannot starve the others. */
public final class PartnerRateLimits {
  private final double permitsPerSecond;
  private final ConcurrentMap<String, RateLimiter> limiters = new ConcurrentHashMap<>();

  public PartnerRateLimits(double permitsPerSecond) {
    this.permitsPerSecond = permitsPerSecond;
  }

  public boolean tryAcquire(String partner) {
    return limiters
        .computeIfAbsent(partner, p -> RateLimiter.create(permitsPerSecond))
        .tryAcquire();
  }
}

package org.liaison.gateway.admission;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A token bucket per partner agency, so one busy partner cannot starve the others. A bucket holds
 * one second of envelopes and starts full: a partner that was quiet may send a burst of that size
 * at once (a node's start-up exchanges, a fan-out), and is held to the rate after that.
 */
public final class PartnerRateLimits {
  private final long perSecond;
  private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

  public PartnerRateLimits(double permitsPerSecond) {
    if (!(permitsPerSecond >= 1)) {
      throw new IllegalArgumentException(
          "the rate limit must be at least 1 envelope per second, not " + permitsPerSecond);
    }
    this.perSecond = Math.round(permitsPerSecond);
  }

  public boolean tryAcquire(String partner) {
    return buckets.computeIfAbsent(partner, p -> bucket()).tryConsume(1);
  }

  private Bucket bucket() {
    return Bucket.builder()
        .addLimit(
            Bandwidth.builder()
                .capacity(perSecond)
                .refillGreedy(perSecond, Duration.ofSeconds(1))
                .build())
        .build();
  }
}

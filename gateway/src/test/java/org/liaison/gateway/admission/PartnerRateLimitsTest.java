package org.liaison.gateway.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PartnerRateLimitsTest {

  @Test
  void aQuietPartner_mayBurstOneSecondOfEnvelopes_thenIsHeld() {
    PartnerRateLimits limits = new PartnerRateLimits(50);
    long admitted = IntStream.range(0, 50).filter(i -> limits.tryAcquire("us.dea")).count();
    // a limiter that starts empty (Guava's) admits one of these and refuses the rest
    assertThat(admitted).isEqualTo(50);
    assertThat(limits.tryAcquire("us.dea")).isFalse();
  }

  @Test
  void onePartnersBurst_doesNotSpendAnothersBucket() {
    PartnerRateLimits limits = new PartnerRateLimits(5);
    IntStream.range(0, 5).forEach(i -> limits.tryAcquire("us.dea"));
    assertThat(limits.tryAcquire("us.dea")).isFalse();
    assertThat(limits.tryAcquire("us.cbp")).isTrue();
  }

  @Test
  void theBucketRefills() throws InterruptedException {
    PartnerRateLimits limits = new PartnerRateLimits(20);
    IntStream.range(0, 20).forEach(i -> limits.tryAcquire("us.dea"));
    assertThat(limits.tryAcquire("us.dea")).isFalse();
    Thread.sleep(200); // 20/s refills about 4 in 200 ms
    assertThat(limits.tryAcquire("us.dea")).isTrue();
  }

  @Test
  void aRateBelowOnePerSecond_isRefusedAtStart() {
    assertThatThrownBy(() -> new PartnerRateLimits(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1");
  }
}

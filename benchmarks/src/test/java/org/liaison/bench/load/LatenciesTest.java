package org.liaison.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LatenciesTest {
  private static long[] millis(long... ms) {
    return LongStream.of(ms).map(m -> m * 1_000_000).toArray();
  }

  @Test
  void percentilesAreNearestRanksOfTheSortedLatencies() {
    // 1..100 ms in reverse: the order given does not matter
    long[] nanos = LongStream.rangeClosed(1, 100).map(i -> (101 - i) * 1_000_000).toArray();
    Latencies l = Latencies.of(nanos);
    assertThat(l.count()).isEqualTo(100);
    assertThat(l.p50Ms()).isEqualTo(51.0);
    assertThat(l.p99Ms()).isEqualTo(99.0);
    assertThat(l.percentileMs(100)).isEqualTo(100.0);
    assertThat(l.percentileMs(1)).isEqualTo(1.0);
    assertThat(l.maxMs()).isEqualTo(100.0);
    assertThat(nanos[0]).as("the caller's array is left as it was").isEqualTo(100_000_000);
  }

  @Test
  void p99OfTwoThousandCallsIsThe1980th() {
    long[] nanos = LongStream.rangeClosed(1, 2000).map(i -> i * 1_000).toArray();
    assertThat(Latencies.of(nanos).p99Ms()).isEqualTo(1.980);
  }

  @Test
  void fewCallsAndNoCalls() {
    Latencies one = Latencies.of(millis(7));
    assertThat(one.p50Ms()).isEqualTo(7.0);
    assertThat(one.p99Ms()).isEqualTo(7.0);
    Latencies none = Latencies.of(new long[0]);
    assertThat(none.count()).isZero();
    assertThat(none.p50Ms()).isZero();
    assertThat(none.p99Ms()).isZero();
    assertThat(none.maxMs()).isZero();
    assertThatThrownBy(() -> none.percentileMs(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void timesEachCallOneAfterAnother() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    Latencies l =
        Latencies.timeSequential(
            5,
            () -> {
              calls.incrementAndGet();
              Thread.sleep(2);
            });
    assertThat(calls).hasValue(5);
    assertThat(l.count()).isEqualTo(5);
    assertThat(l.p50Ms()).isGreaterThanOrEqualTo(2.0);
  }

  @Test
  void closedLoopCountsAnswersAndFailuresSeparately() throws Exception {
    AtomicInteger n = new AtomicInteger();
    ClosedLoop.Throughput t =
        ClosedLoop.run(
            2,
            Duration.ofMillis(200),
            () -> {
              Thread.sleep(1);
              if (n.incrementAndGet() % 4 == 0) {
                throw new IllegalStateException("every fourth call fails");
              }
            });
    assertThat(t.calls() + t.errors()).isEqualTo(n.get());
    assertThat(t.errors()).isEqualTo(n.get() / 4);
    assertThat(t.errorSamples())
        .containsExactly("java.lang.IllegalStateException: every fourth call fails");
    assertThat(t.seconds()).isGreaterThanOrEqualTo(0.2);
    assertThat(t.callsPerSecond()).isEqualTo(t.calls() / t.seconds());
  }
}

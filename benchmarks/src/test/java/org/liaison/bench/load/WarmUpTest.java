package org.liaison.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class WarmUpTest {
  @Test
  void theCompilersShare_isOfAllProcessesCpu_andUnknownWhenNothingWasMeasured() {
    Map<String, ProcessCpu.Seconds> used =
        Map.of("node", new ProcessCpu.Seconds(1, 9), "gateway", new ProcessCpu.Seconds(0, 10));

    assertThat(WarmUp.compilerShare(used)).isEqualTo(0.05);
    assertThat(WarmUp.compilerShare(Map.of())).isNaN();
  }

  @Test
  void aFixedWarmUp_makesItsCallsOneAtATime() throws Exception {
    AtomicLong calls = new AtomicLong();

    WarmUp.Result r = WarmUp.fixedCalls(37).run(calls::incrementAndGet, new ProcessCpu());

    assertThat(calls).hasValue(37);
    assertThat(r.calls()).isEqualTo(37);
    assertThat(r.quiet()).as("nothing measured is never quiet").isFalse();
    assertThat(r.line()).contains("37 calls one at a time", "no process measured");
  }

  @Test
  void aWarmUpUntilQuiet_thatNeverSeesQuietCompilers_endsAtItsLimit_andSaysSo() throws Exception {
    AtomicLong calls = new AtomicLong();
    WarmUp warmUp = WarmUp.untilCompilersQuiet(2, Duration.ofMillis(300), Duration.ofSeconds(1));

    WarmUp.Result r =
        warmUp.run(
            () -> {
              calls.incrementAndGet();
              Thread.sleep(1);
            },
            new ProcessCpu());

    assertThat(r.quiet()).isFalse();
    assertThat(r.seconds()).isGreaterThanOrEqualTo(1.0);
    assertThat(r.calls()).isEqualTo(calls.get()).isPositive();
    assertThat(r.line()).contains("at most 1 s", "no process measured");
  }
}

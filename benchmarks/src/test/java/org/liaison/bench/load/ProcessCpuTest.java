package org.liaison.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcessCpuTest {
  @Test
  void readsThisProcesssCpu_splitIntoCompilerAndOtherThreads_andNothingForAProcessThatIsGone()
      throws Exception {
    ProcessCpu cpu =
        new ProcessCpu()
            .add("this test", ProcessHandle.current().pid())
            .add("gone", Long.MAX_VALUE);
    Map<String, ProcessCpu.Seconds> before = cpu.now();
    // at least 0.3 s of CPU on this thread: /proc counts in hundredths of a second
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    byte[] data = new byte[1 << 20];
    long until = ProcessHandle.current().info().totalCpuDuration().orElseThrow().toMillis() + 300;
    while (ProcessHandle.current().info().totalCpuDuration().orElseThrow().toMillis() < until) {
      data[0] = sha.digest(data)[0];
    }
    Map<String, ProcessCpu.Seconds> used = ProcessCpu.between(before, cpu.now());

    assertThat(used).containsOnlyKeys("this test", "gone");
    assertThat(used.get("this test").total()).isGreaterThanOrEqualTo(0.25);
    assertThat(used.get("this test").other()).isPositive();
    assertThat(used.get("this test").compilers()).isNotNegative();
    assertThat(cpu.now().get("this test").compilers())
        .as("a JVM with its JIT has compiler threads that ran")
        .isPositive();
    assertThat(used.get("gone").total()).isZero();
  }
}

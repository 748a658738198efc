package org.liaison.cluster.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liaison.cluster.FreePorts;
import org.liaison.cluster.JavaProcess;
import org.liaison.cluster.ProcessStartException;

class JavaProcessTest {

  @TempDir Path dir;
  JavaProcess process;

  JavaProcess child(String mode) {
    int port = FreePorts.allocate();
    process =
        JavaProcess.builder("stand-in-" + mode)
            .mainClass(System.getProperty("java.class.path"), HealthyMain.class.getName())
            .jvmOptions("-Xmx32m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")
            .arguments(Integer.toString(port), mode)
            .log(dir.resolve("logs").resolve(mode + ".log"))
            .healthUrl(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
            .build();
    return process;
  }

  @AfterEach
  void stop() {
    if (process != null) process.stop();
  }

  @Test
  void start_readyChild_isAwaitedLoggedAndStoppedWithItsChildren() throws Exception {
    JavaProcess p = child("spawn");
    p.start();
    p.awaitHealthy(Duration.ofSeconds(60));

    assertThat(p.isAlive()).isTrue();
    String log = Files.readString(p.log());
    assertThat(log).contains("listening on", "health asked, answering 200");
    long grandchild =
        await(
            () ->
                Files.readAllLines(p.log()).stream()
                    .filter(l -> l.startsWith("child pid "))
                    .map(l -> Long.parseLong(l.substring(10).strip()))
                    .findFirst());
    assertThat(ProcessHandle.of(grandchild).map(ProcessHandle::isAlive)).contains(true);

    long pid = p.pid();
    p.stop();

    assertThat(p.isAlive()).isFalse();
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    long until = System.nanoTime() + 5_000_000_000L;
    while (ProcessHandle.of(grandchild).map(ProcessHandle::isAlive).orElse(false)
        && System.nanoTime() < until) {
      Thread.sleep(50);
    }
    assertThat(ProcessHandle.of(grandchild).map(ProcessHandle::isAlive).orElse(false))
        .as("grandchild stopped")
        .isFalse();
    assertThat(p.log()).exists();
  }

  @Test
  void awaitHealthy_childNeverReady_failsWithTheTailOfItsLog() {
    JavaProcess p = child("never");
    p.start();

    assertThatThrownBy(() -> p.awaitHealthy(Duration.ofSeconds(4)))
        .isInstanceOf(ProcessStartException.class)
        .hasMessageContaining("stand-in-never was not ready within 4 s")
        .hasMessageContaining("last answered 503")
        .hasMessageContaining("health asked, answering 503");
  }

  @Test
  void awaitHealthy_childExits_failsAtOnceWithExitCodeAndLog() {
    JavaProcess p = child("exit");
    p.start();
    long t0 = System.nanoTime();

    assertThatThrownBy(() -> p.awaitHealthy(Duration.ofSeconds(60)))
        .isInstanceOf(ProcessStartException.class)
        .hasMessageContaining("exited with code 3 before it was ready")
        .hasMessageContaining("cannot open the database: failing on purpose");
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(30));
  }

  @Test
  void start_afterStop_runsAgainAndAppendsToTheSameLog() throws Exception {
    JavaProcess p = child("ready");
    p.start();
    p.awaitHealthy(Duration.ofSeconds(60));
    long first = p.pid();
    p.stop();
    p.start();
    p.awaitHealthy(Duration.ofSeconds(60));

    assertThat(p.pid()).isNotEqualTo(first);
    assertThat(Files.readAllLines(p.log()).stream().filter(l -> l.startsWith("listening on")))
        .hasSize(2);
  }

  private static <T> T await(java.util.concurrent.Callable<Optional<T>> probe) throws Exception {
    long until = System.nanoTime() + 10_000_000_000L;
    while (System.nanoTime() < until) {
      Optional<T> v = probe.call();
      if (v.isPresent()) return v.get();
      Thread.sleep(50);
    }
    throw new AssertionError("timed out");
  }
}

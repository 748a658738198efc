package org.liaison.bench.replay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.liaison.wire.envelope.ReplayGuard;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Accepted message ids per second at a receiver: the guard in memory against the durable guard,
 * whose every id is fsynced before it is accepted (decision 0019), with the fsyncs of concurrent
 * ids grouped. Run with several threads to see the grouping, e.g. {@code java -jar
 * benchmarks/target/liaison-benchmarks.jar ReplayJournal -t 16 -f 1 -wi 2 -i 3}; the journal is
 * written under {@code java.io.tmpdir} (put it on the disk a node would use).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ReplayJournalBenchmark {

  @Param({"memory", "durable"})
  public String guard;

  private Path dir;
  private ReplayGuard replay;

  @Setup(Level.Trial)
  public void open() throws IOException {
    dir = Files.createTempDirectory("replay-bench");
    replay =
        guard.equals("durable")
            ? ReplayGuard.durable(dir.resolve("replay-ids.log"), Clock.systemUTC())
            : ReplayGuard.defaults(Clock.systemUTC());
  }

  @TearDown(Level.Trial)
  public void remove() throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Benchmark
  public ReplayGuard.Outcome accept() {
    return replay.record(
        UUID.randomUUID().toString().replace("-", ""), Instant.now().plusSeconds(2));
  }
}

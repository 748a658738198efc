package org.liaison.node.query;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Whether partners' lookups are being answered: from the start of an answer until {@link #QUIET_MS}
 * after the last one ended. The store's housekeeping holds its compaction rounds back while they
 * are: a round holds H2's store lock for its whole rewrite, and every answer's audit commit waits
 * behind it (decision 0076).
 */
@ApplicationScoped
public class LookupActivity {
  /** How long after the last answer lookups count as still going on (the next one is near). */
  public static final long QUIET_MS = 1_000;

  private final AtomicInteger answering = new AtomicInteger();
  private final AtomicLong lastEndedMs = new AtomicLong(Long.MIN_VALUE / 2);
  private final LongSupplier clockMs;

  public LookupActivity() {
    this(System::currentTimeMillis);
  }

  /** Lookups timed by {@code clockMs} (milliseconds), for tests. */
  public LookupActivity(LongSupplier clockMs) {
    this.clockMs = clockMs;
  }

  /** One answer being computed, until closed. */
  public interface Answer extends AutoCloseable {
    @Override
    void close();
  }

  /** Marks an answer under way; close it when the answer is computed. */
  public Answer answering() {
    answering.incrementAndGet();
    return () -> {
      lastEndedMs.set(clockMs.getAsLong());
      answering.decrementAndGet();
    };
  }

  /** True while an answer is computed or the last one ended less than {@link #QUIET_MS} ago. */
  public boolean busy() {
    return answering.get() > 0 || clockMs.getAsLong() - lastEndedMs.get() < QUIET_MS;
  }
}

package org.liaison.node.records;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.LongSupplier;
import org.liaison.node.runtime.Activity;

/**
 * Whether a bulk import is under way: from the start of a batch until {@link #QUIET_MS} after the
 * last batch ended. Work that an import's changes only schedule (the filters partners hold, the
 * automatic checks of the changed cases) waits while it is, so that an import of a million lines
 * does not share its CPU with a million PRF evaluations, and that work is done once per import
 * rather than once per batch (decision 0017). Waiting is bounded ({@link Deferral}), so a long
 * import still lets partners' filters and checks catch up now and then.
 */
@ApplicationScoped
public class ImportActivity {
  /** How long after the last batch an import counts as still under way (the next one is near). */
  public static final long QUIET_MS = 1_500;

  private final Activity batches;

  public ImportActivity() {
    this(System::currentTimeMillis);
  }

  ImportActivity(LongSupplier clockMs) {
    this.batches = new Activity(QUIET_MS, clockMs);
  }

  /** Marks a batch being stored; close it when the batch is on the disk or failed. */
  Activity.Piece batch() {
    return batches.started();
  }

  /** True while a batch is being stored or the last one ended less than {@link #QUIET_MS} ago. */
  public boolean busy() {
    return batches.busy();
  }

  /** A deferral of one kind of background work: it waits while imports run, at most maxMs. */
  public Deferral deferral(long maxMs) {
    return new Deferral(maxMs);
  }

  /** One kind of background work that waits for imports, for a bounded time each round. */
  public final class Deferral {
    private final long maxMs;
    private long firstDeferredMs = -1;

    private Deferral(long maxMs) {
      this.maxMs = maxMs;
    }

    /**
     * True if the work should wait now: an import is busy and the work has not yet waited {@code
     * maxMs} since it first waited. False resets the wait for the next round.
     */
    public synchronized boolean holdBack() {
      long now = batches.nowMs();
      if (busy()) {
        if (firstDeferredMs < 0) {
          firstDeferredMs = now;
        }
        if (now - firstDeferredMs < maxMs) {
          return true;
        }
      }
      firstDeferredMs = -1;
      return false;
    }
  }
}

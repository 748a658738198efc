package org.liaison.node.deconfliction.targets;

import com.google.protobuf.ByteString;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.liaison.node.deconfliction.filters.HeldFilters;

/**
 * The node's {@link ActiveTargets}, whose read for the held filters' background catch-up a test can
 * hold: the catch-up then keeps its filter's lock as a long catch-up does, and reads the real
 * database once released. Every other read, and every read while nothing is held, is the real one
 * at once. The cases the catch-up reads are recorded, for a test to see what a catch-up reads.
 */
@Alternative
@ApplicationScoped
public class HoldableActiveTargets extends ActiveTargets {
  /** How long a forgotten hold keeps a catch-up, so that a failing test never stalls the node. */
  private static final Duration LONGEST_HOLD = Duration.ofSeconds(60);

  private final AtomicReference<Hold> next = new AtomicReference<>();
  private final List<String> casesRead = new ArrayList<>();

  /** A catch-up held at its read of the targets, until {@link #release}. */
  public static final class Hold implements AutoCloseable {
    private final CountDownLatch reached = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);

    /** True once a catch-up is held here, within {@code wait}. */
    public boolean awaitReached(Duration wait) throws InterruptedException {
      return reached.await(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Lets the held catch-up read the database and go on. */
    public void release() {
      released.countDown();
    }

    @Override
    public void close() {
      release();
    }
  }

  /** Holds the next read made by the held filters' catch-up until the hold is released. */
  public Hold holdNextCatchUp() {
    Hold hold = new Hold();
    next.set(hold);
    return hold;
  }

  /** The cases the catch-up read since the last call, in the order read, taken out. */
  public List<String> takeCasesReadByCatchUp() {
    synchronized (casesRead) {
      List<String> read = List.copyOf(casesRead);
      casesRead.clear();
      return read;
    }
  }

  /** Every case, in the list of cases read: the catch-up walked this agency's active cases. */
  public static final String EVERY_CASE = "(every active case)";

  @Override
  @Transactional
  public List<String> activeCasesAfter(String after, Set<String> crimeCategories, int n) {
    if (fromCatchUp()) {
      synchronized (casesRead) {
        casesRead.add(EVERY_CASE);
      }
    }
    return super.activeCasesAfter(after, crimeCategories, n);
  }

  @Override
  @Transactional
  public Map<ByteString, Set<String>> ofCases(
      Collection<String> caseNumbers, Set<String> crimeCategories) {
    Hold hold = next.get();
    if (hold != null && fromCatchUp() && next.compareAndSet(hold, null)) {
      hold.reached.countDown();
      try {
        hold.released.await(LONGEST_HOLD.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (fromCatchUp()) {
      synchronized (casesRead) {
        casesRead.addAll(caseNumbers);
      }
    }
    return super.ofCases(caseNumbers, crimeCategories);
  }

  private static boolean fromCatchUp() {
    return StackWalker.getInstance()
        .walk(
            frames ->
                frames.anyMatch(
                    f ->
                        f.getClassName().equals(HeldFilters.class.getName())
                            && f.getMethodName().equals("catchUpAll")));
  }
}

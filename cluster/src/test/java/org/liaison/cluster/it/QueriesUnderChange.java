package org.liaison.cluster.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.liaison.wire.v1.PartnerAnswer;

/**
 * Officers who keep querying partners, each in a loop of their own, while a test changes something
 * under them (a backup, a key or CA rotation), and what every query got: the answer's status, with
 * the answer itself or the error for a query that was not answered (see {@link
 * Officers#isAnswered}). After a query that was not answered an officer pauses 200 ms, so that a
 * failure is counted once a pause, not in a tight loop.
 */
final class QueriesUnderChange implements AutoCloseable {
  /** One officer's query to a partner under a case reference; the partner's answer. */
  interface Asker {
    PartnerAnswer ask(String caseRef);
  }

  private final Map<String, String> outcomes = new ConcurrentHashMap<>();
  private final AtomicInteger next = new AtomicInteger();
  private final AtomicBoolean stop = new AtomicBoolean();
  private final ExecutorService officers = Executors.newCachedThreadPool();
  private final List<Future<?>> loops = new ArrayList<>();

  /**
   * Starts an officer who asks with {@code asker}, under case references {@code prefix} followed by
   * a number no other query of these officers has.
   */
  QueriesUnderChange officer(String prefix, Asker asker) {
    loops.add(officers.submit(() -> loop(prefix, asker)));
    return this;
  }

  /** How many queries have ended so far. */
  int count() {
    return outcomes.size();
  }

  /**
   * Waits until {@code count} queries have ended, for at most {@code patience}; whether they did.
   */
  boolean awaitCount(int count, Duration patience) throws InterruptedException {
    long until = System.nanoTime() + patience.toNanos();
    while (outcomes.size() < count) {
      if (System.nanoTime() > until) {
        return false;
      }
      Thread.sleep(20);
    }
    return true;
  }

  /**
   * Stops the officers and waits for their last queries (two minutes at most); what every query
   * got, by case reference.
   */
  Map<String, String> stop() throws Exception {
    stop.set(true);
    for (Future<?> l : loops) {
      l.get(2, TimeUnit.MINUTES);
    }
    return Map.copyOf(outcomes);
  }

  /** The queries that were not answered, each as its case reference and what it got. */
  List<String> failed() {
    return outcomes.entrySet().stream()
        .filter(e -> !Officers.isAnswered(e.getValue()))
        .map(e -> e.getKey() + " " + e.getValue())
        .toList();
  }

  @Override
  public void close() {
    stop.set(true);
    officers.shutdownNow();
  }

  private Void loop(String prefix, Asker asker) {
    while (!stop.get()) {
      String caseRef = prefix + next.getAndIncrement();
      try {
        PartnerAnswer a = asker.ask(caseRef);
        boolean answered = Officers.ANSWERED.contains(a.getStatus());
        outcomes.put(caseRef, a.getStatus().name() + (answered ? "" : " " + a));
        if (!answered) {
          pause();
        }
      } catch (RuntimeException e) {
        outcomes.put(caseRef, e.toString());
        pause();
      }
    }
    return null;
  }

  private static void pause() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

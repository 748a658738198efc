package org.liaison.cluster.it;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.liaison.cluster.FederationProcess;

/**
 * Several processes of a federation started at once, as the federation starts them all: a node and
 * its gateway come up in the time of the slower one, not of both one after the other.
 */
final class Together {
  private Together() {}

  /** Starts the stopped {@code processes} at once and returns when every one is ready. */
  static void start(FederationProcess... processes) {
    ExecutorService starting = Executors.newFixedThreadPool(processes.length);
    try {
      List<Future<?>> started = new ArrayList<>();
      for (FederationProcess p : processes) {
        started.add(starting.submit(p::start));
      }
      for (Future<?> s : started) {
        s.get();
      }
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      starting.shutdownNow();
    }
  }

  /** Stops the {@code processes}, then starts them again at once (same ports and data). */
  static void restart(FederationProcess... processes) {
    for (FederationProcess p : processes) {
      p.stop();
    }
    start(processes);
  }
}

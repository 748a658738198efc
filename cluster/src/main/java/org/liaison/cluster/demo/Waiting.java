package org.liaison.cluster.demo;

import java.time.Duration;
import java.util.function.Supplier;

/** Polls until something has arrived at another node, or gives up. */
final class Waiting {
  private Waiting() {}

  static <T> T until(Duration limit, Supplier<T> probe) {
    long end = System.nanoTime() + limit.toNanos();
    while (true) {
      T value;
      try {
        value = probe.get();
      } catch (RuntimeException e) {
        value = null; // not there yet (e.g. NOT_FOUND before delivery)
      }
      if (value != null || System.nanoTime() > end) {
        return value;
      }
      try {
        Thread.sleep(300);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
  }
}

package org.liaison.node.store;

import org.h2.mvstore.MVStore;

/**
 * Lets H2 reuse a dead chunk's space only once the commit that made it dead is on the disk
 * (decision 0038). H2 overwrites a dead chunk when it is older than its retention time and the
 * commit that emptied it is older than every version in use. The node holds one usage of the newest
 * version it forced to the disk and moves it forward at each flush, so "older than every version in
 * use" means "made dead by a commit that is on the disk", and the retention time, whose only guard
 * was that the operating system had probably written the file by then (45 s by default), can be 0:
 * the file stops growing with the number of commits.
 */
final class DurableVersion {
  private final MVStore store;

  /** H2's usage counter of the newest version known to be on the disk; null before the first. */
  private MVStore.TxCounter held;

  /** Set when the store is about to close: H2 closes a store only when no version is in use. */
  private boolean released;

  DurableVersion(MVStore store) {
    this.store = store;
  }

  MVStore store() {
    return store;
  }

  /**
   * Forces every committed version to the disk, then holds the newest of them.
   *
   * @throws RuntimeException as H2 throws it when the file cannot be written or forced; the held
   *     version then stays where it was
   */
  void flush() {
    // registered first: every version below it is written once commit() returns (it waits for a
    // store under way and writes what is left), and on the disk once sync() returns
    MVStore.TxCounter next = store.registerVersionUsage();
    try {
      store.commit();
      store.sync();
    } catch (RuntimeException e) {
      store.deregisterVersionUsage(next);
      throw e;
    }
    MVStore.TxCounter released = keepNewer(next);
    if (released != null) {
      store.deregisterVersionUsage(released);
    }
  }

  /** The version below which every commit is on the disk; -1 before the first flush. */
  synchronized long version() {
    return held == null ? -1 : held.version;
  }

  /**
   * Stops holding a version, before the store closes (H2 expects no version in use then); later
   * flushes still force the file but hold nothing.
   */
  void release() {
    MVStore.TxCounter previous;
    synchronized (this) {
      released = true;
      previous = held;
      held = null;
    }
    if (previous != null) {
      store.deregisterVersionUsage(previous);
    }
  }

  private synchronized MVStore.TxCounter keepNewer(MVStore.TxCounter next) {
    if (released) {
      return next;
    }
    MVStore.TxCounter previous = held;
    if (previous != null && previous.version > next.version) {
      return next;
    }
    held = next;
    return previous;
  }
}

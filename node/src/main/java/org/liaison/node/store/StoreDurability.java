package org.liaison.node.store;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import org.h2.mvstore.MVStore;
import org.liaison.node.config.NodeConfig;

/**
 * Makes what was just committed survive a power failure, not only a crash of the process. H2 writes
 * a commit to the operating system's page cache and forces it to the disk only when the store
 * closes; PostgreSQL forces its log at each commit itself. So on embedded H2 the node forces the
 * file after each audit batch and each import batch, before an answer leaves or a batch is
 * acknowledged: one flush per batch, shared by every request the batch holds (about 0.3 ms on the
 * build machine's disk).
 *
 * <p>Each flush also tells H2 which commits are on the disk ({@link DurableVersion}), so a dead
 * chunk's space is reused as soon as the commit that emptied it was forced, instead of after H2's
 * retention time (45 s by default, {@code liaison.store.retention-ms}, decision 0038): the file
 * then grows with the data, not with the number of commits an import makes in 45 s.
 */
@ApplicationScoped
public class StoreDurability {
  @Inject AgroalDataSource dataSource;
  @Inject NodeConfig config;

  private volatile DurableVersion durable;
  private volatile boolean resolved;

  void start(@Observes StartupEvent event) {
    durable();
  }

  /** The store closes after the node's beans stop: it must find no version in use then. */
  void stop(@Observes ShutdownEvent event) {
    DurableVersion d = durable;
    if (d != null) {
      d.release();
    }
  }

  /**
   * Forces the committed state of an embedded H2 database to the disk; nothing to do on another
   * database.
   *
   * @throws UncheckedIOException when the disk refuses the flush: what was committed may be lost on
   *     a power failure, so the caller must not act on it
   */
  public void flushCommitted() {
    DurableVersion d = durable();
    if (d == null) {
      return;
    }
    try {
      d.flush();
    } catch (RuntimeException e) {
      throw new UncheckedIOException(
          new java.io.IOException("the database file could not be flushed to the disk", e));
    }
  }

  /**
   * The durable version of the store the database has open now. H2 closes its database when its
   * last connection closes (the pool let every connection go, or the disk failed) and opens a new
   * store at the next connection: the durable version then follows the new store, so every commit
   * after it is still forced; while the database cannot be reached the caller gets that failure
   * (nothing is acknowledged unflushed).
   */
  private DurableVersion durable() {
    DurableVersion d = durable;
    if (resolved && (d == null || !d.store().isClosed())) {
      return d;
    }
    synchronized (this) {
      d = durable;
      if (!resolved || (d != null && d.store().isClosed())) {
        d = openedNow();
        durable = d;
        resolved = true;
      }
      return d;
    }
  }

  private DurableVersion openedNow() {
    MVStore store;
    try {
      store = EmbeddedStore.of(dataSource);
    } catch (SQLException e) {
      throw new IllegalStateException("the database cannot be reached", e);
    }
    if (store == null) {
      return null;
    }
    DurableVersion d = new DurableVersion(store);
    d.flush(); // holds the first durable version before chunks may be reused without a delay
    store.setRetentionTime(config.store().retentionMs());
    return d;
  }
}

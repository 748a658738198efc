package org.liaison.node.store;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import org.h2.mvstore.MVStore;

/**
 * Makes what was just committed survive a power failure, not only a crash of the process. H2 writes
 * a commit to the operating system's page cache and forces it to the disk only when the store
 * closes; PostgreSQL forces its log at each commit itself. So on embedded H2 the node forces the
 * file after each audit batch and each import batch, before an answer leaves or a batch is
 * acknowledged: one flush per batch, shared by every request the batch holds (about 0.3 ms on the
 * build machine's disk).
 */
@ApplicationScoped
public class StoreDurability {
  @Inject AgroalDataSource dataSource;

  private volatile MVStore store;
  private volatile boolean resolved;

  /**
   * Forces the committed state of an embedded H2 database to the disk; nothing to do on another
   * database.
   *
   * @throws UncheckedIOException when the disk refuses the flush: what was committed may be lost on
   *     a power failure, so the caller must not act on it
   */
  public void flushCommitted() {
    MVStore s = store();
    if (s == null) {
      return;
    }
    try {
      s.sync();
    } catch (RuntimeException e) {
      throw new UncheckedIOException(
          new java.io.IOException("the database file could not be flushed to the disk", e));
    }
  }

  private MVStore store() {
    if (!resolved) {
      synchronized (this) {
        if (!resolved) {
          try {
            store = EmbeddedStore.of(dataSource);
          } catch (SQLException e) {
            throw new IllegalStateException("the database cannot be reached", e);
          }
          resolved = true;
        }
      }
    }
    MVStore s = store;
    return s != null && !s.isClosed() ? s : null;
  }
}

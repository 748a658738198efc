package org.liaison.node.store;

import io.agroal.api.AgroalDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;

/** The embedded H2 database's store behind the node's data source, when there is one. */
final class EmbeddedStore {
  private EmbeddedStore() {}

  /** The MVStore of an embedded H2 file database; null for any other database. */
  static MVStore of(AgroalDataSource dataSource) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      if (!c.isWrapperFor(JdbcConnection.class)) {
        return null;
      }
      JdbcConnection h2 = c.unwrap(JdbcConnection.class);
      if (!(h2.getSession() instanceof SessionLocal local)
          || local.getDatabase().getStore() == null) {
        return null;
      }
      MVStore store = local.getDatabase().getStore().getMvStore();
      return store.getFileStore() == null ? null : store;
    }
  }
}

package org.liaison.node.store;

import io.agroal.api.AgroalPoolInterceptor;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.h2.jdbc.JdbcConnection;
import org.jboss.logging.Logger;

/**
 * Refuses a new database connection that finds an empty database once the node has started.
 *
 * <p>Embedded H2 creates a new, empty database when a connection opens a file that is not there. A
 * data volume that goes away while the node runs (detached, or shown as its empty mount point
 * during a repair) would then be replaced by an empty store that H2 keeps open after the volume
 * comes back, and the node would answer from nothing. Once started, the node's database always
 * holds its tables (Flyway made them before start); a new physical connection that sees none is
 * closed at once, so H2 closes the empty database it just made, and the request that needed it
 * fails as any database outage does. The next connection, once the volume is back, opens the real
 * file.
 */
@ApplicationScoped
public class MissingDatabaseGuard implements AgroalPoolInterceptor {
  private static final Logger LOG = Logger.getLogger(MissingDatabaseGuard.class);

  private static final String TABLES =
      "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES"
          + " WHERE TABLE_SCHEMA = CURRENT_SCHEMA AND TABLE_TYPE = 'BASE TABLE'";

  private volatile boolean armed;

  /** From now on the database must hold its tables: migrations (and a test's clean) are done. */
  void arm(@Observes StartupEvent event) {
    armed = true;
  }

  /** For a pool used outside a Quarkus application. */
  public void arm() {
    armed = true;
  }

  @Override
  public void onConnectionCreate(Connection connection) {
    if (!armed) {
      return;
    }
    try {
      if (tables(connection) > 0) {
        return;
      }
      LOG.errorf(
          "A new connection found the node's database empty: its file is gone or its volume is"
              + " not mounted. The node refuses to use it; restore the data folder (nothing was"
              + " written to the empty database, and it is closed again).");
      closePhysically(connection);
    } catch (SQLException e) {
      throw new DatabaseUnavailable("the node could not read its database's tables", e);
    }
    throw new DatabaseUnavailable(
        "the node's database is missing (a new connection found it empty): restore its data folder");
  }

  private static long tables(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet r = s.executeQuery(TABLES)) {
      r.next();
      return r.getLong(1);
    }
  }

  // Closing the pool's wrapper would only hand the connection back: H2 keeps a database open while
  // one of its own connections is, and the pool does not close a connection its interceptor refused
  private static void closePhysically(Connection connection) throws SQLException {
    if (connection.isWrapperFor(JdbcConnection.class)) {
      connection.unwrap(JdbcConnection.class).close();
    }
  }

  /** A database connection refused because the node's database is not what it started with. */
  public static final class DatabaseUnavailable extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    DatabaseUnavailable(String message) {
      super(message);
    }

    DatabaseUnavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }
}

package org.liaison.node.database;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.Map;
import org.liaison.postgres.DevPostgres;

/**
 * The database every {@code @QuarkusTest} of the node runs on. H2 (the file under {@code
 * target/test-data}, application.properties) unless the run says {@code
 * -Dquarkus.datasource.db-kind=postgresql} (the {@code postgresql} Maven profile does): then a real
 * PostgreSQL 17 server, started once for the test JVM and emptied by Flyway at each application
 * start, as H2 is.
 */
@QuarkusTestResource(value = TestDatabase.class, restrictToAnnotatedClass = false)
public final class TestDatabase implements QuarkusTestResourceLifecycleManager {

  // Quarkus loads test resources in a new class loader for each application start: the server
  // started first is found again through a system property, which all class loaders share
  private static final String URL_PROPERTY = "dev-postgres.url";

  public static boolean postgresql() {
    return "postgresql".equals(System.getProperty("quarkus.datasource.db-kind"));
  }

  @Override
  public Map<String, String> start() {
    if (!postgresql()) {
      return Map.of();
    }
    synchronized (System.class) {
      if (System.getProperty(URL_PROPERTY) == null) {
        System.setProperty(
            URL_PROPERTY, DevPostgres.start(Path.of("target", "test-postgres")).jdbcUrl());
      }
    }
    return Map.of(
        "quarkus.datasource.jdbc.url",
        System.getProperty(URL_PROPERTY),
        "quarkus.datasource.username",
        DevPostgres.USER,
        "quarkus.datasource.password",
        "");
  }

  @Override
  public void stop() {
    // the server outlives one application start (test profiles restart it); closed at JVM exit
  }
}

package org.liaison.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the node and the gateway are built below the repository root ({@code mvn -B -DskipTests
 * package}), each a Quarkus fast-jar started by its {@code quarkus-run.jar}.
 */
final class QuarkusApps {

  private static final String NODE = "node/target/quarkus-app";

  /** The node built for PostgreSQL ({@code -Ppostgresql}; Quarkus fixes the database kind). */
  private static final String POSTGRESQL_NODE = "node/target/quarkus-app-postgresql";

  private static final String GATEWAY = "gateway/target/quarkus-app";

  private final Path repositoryRoot;

  QuarkusApps(Path repositoryRoot) {
    this.repositoryRoot = repositoryRoot;
  }

  /** The node's jar: the one built for PostgreSQL if it runs on PostgreSQL, else the H2 one. */
  Path node(boolean onPostgresql) {
    return jar(onPostgresql ? POSTGRESQL_NODE : NODE);
  }

  Path gateway() {
    return jar(GATEWAY);
  }

  /**
   * Fails naming the first jar a federation needs that is not built, and how to build it.
   *
   * @param withPostgresql whether a node runs on PostgreSQL (it needs the {@code -Ppostgresql}
   *     build)
   */
  void requireBuilt(boolean withPostgresql) {
    List<String> apps = new ArrayList<>(List.of(NODE, GATEWAY));
    if (withPostgresql) {
      apps.add(POSTGRESQL_NODE);
    }
    for (String app : apps) {
      Path jar = jar(app);
      if (!Files.isRegularFile(jar)) {
        throw new ProcessStartException(
            jar
                + " is missing: build it first with mvn -B -DskipTests package"
                + (app.equals(POSTGRESQL_NODE) ? " -Ppostgresql" : "")
                + ".");
      }
    }
  }

  private Path jar(String app) {
    return repositoryRoot.resolve(app).resolve("quarkus-run.jar");
  }
}

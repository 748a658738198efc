package org.liaison.cluster.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.liaison.cluster.deploy.KubernetesManifestsTest.assertHealthProbes;
import static org.liaison.cluster.deploy.KubernetesManifestsTest.assertMigratesItself;
import static org.liaison.cluster.deploy.KubernetesManifestsTest.assertVolumeClaimMounted;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.liaison.cluster.RepositoryRoot;

/**
 * The manifests of the node built for PostgreSQL ({@code -Ppostgresql}), which only that build
 * writes: this class runs in the PostgreSQL execution (cluster pom), not in the default run.
 */
class PostgresManifestsTest {

  @Test
  void postgresqlNode_databaseUrlFromASecret() throws IOException {
    Path file = RepositoryRoot.find().resolve("node/target/kubernetes-postgresql/kubernetes.yml");
    Manifest m = Manifest.read(file);
    Map<String, Object> container = m.container("liaison-node");
    assertThat(m.envFrom(container, "secretRef")).containsExactly("liaison-node-database");
    assertThat(m.envFrom(container, "configMapRef")).containsExactly("liaison-node-config");
    // the replay journal still needs the volume
    assertThat(m.env(container).get("LIAISON_DATA_DIR"))
        .startsWith(assertVolumeClaimMounted(m, container, "liaison-node-data") + "/");
    assertHealthProbes(container);
    assertMigratesItself(m, m.env(container));
  }
}

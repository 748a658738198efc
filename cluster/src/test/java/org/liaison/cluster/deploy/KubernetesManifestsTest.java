package org.liaison.cluster.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.liaison.cluster.RepositoryRoot;

/**
 * The Kubernetes manifests quarkus-kubernetes writes when the node and the gateway are packaged
 * (decision 0034), read as Kubernetes would read them: every listener a container port and a
 * Service port, probes on {@code /q/health}, the process's keys from a read-only Secret, a volume
 * for its files, and every {@code LIAISON_*} variable a configuration key the runbook documents.
 */
class KubernetesManifestsTest {
  private static final Path ROOT = RepositoryRoot.find();

  @Test
  void node_listenersProbesKeysAndVolume() throws IOException {
    Manifest m = Manifest.read(ROOT.resolve("node/target/kubernetes/kubernetes.yml"));
    Map<String, Object> container = m.container("liaison-node");

    assertThat(m.containerPorts(container))
        .containsEntry("http", 8080)
        .containsEntry("federation", 9101)
        .containsEntry("officer", 9102)
        .doesNotContainKey("console");
    assertThat(m.servicePorts("liaison-node")).contains(8080, 9101, 9102);
    assertHealthProbes(container);
    assertSecretMounted(m, container, "liaison-node-pki", "/etc/liaison/pki");
    assertThat(m.env(container)).containsEntry("LIAISON_PKI_DIR", "/etc/liaison/pki");

    String data = assertVolumeClaimMounted(m, container, "liaison-node-data");
    Map<String, String> env = m.env(container);
    for (String key :
        List.of(
            "LIAISON_DATA_DIR",
            "LIAISON_DIRECTORY_DIR",
            "LIAISON_AGREEMENTS_DIR",
            "LIAISON_OFFICERS_FILE")) {
      assertThat(env.get(key)).as(key + " on the volume").startsWith(data + "/");
    }
    // reachable from the gateway's pod and the officers' network, not only loopback
    assertThat(env)
        .containsEntry("LIAISON_FEDERATION_BIND_HOST", "0.0.0.0")
        .containsEntry("QUARKUS_HTTP_HOST", "0.0.0.0");
    assertThat(m.envFrom(container, "configMapRef")).containsExactly("liaison-node-config");
    assertDocumented(env.keySet());
    assertResourcesAndUser(m, container);
    assertMigratesItself(m, env);
  }

  @Test
  void gateway_listenersProbesKeysAndVolume() throws IOException {
    Manifest m = Manifest.read(ROOT.resolve("gateway/target/kubernetes/kubernetes.yml"));
    Map<String, Object> container = m.container("liaison-gateway");

    assertThat(m.containerPorts(container))
        .containsEntry("http", 8080)
        .containsEntry("partner", 9201)
        .containsEntry("node", 9202);
    assertThat(m.servicePorts("liaison-gateway")).contains(8080, 9201, 9202);
    assertHealthProbes(container);
    assertSecretMounted(m, container, "liaison-gateway-pki", "/etc/liaison/pki");
    String data = assertVolumeClaimMounted(m, container, "liaison-gateway-data");
    Map<String, String> env = m.env(container);
    assertThat(env).containsEntry("LIAISON_PKI_DIR", "/etc/liaison/pki");
    assertThat(env.get("LIAISON_GATEWAY_REPLAY_FILE")).startsWith(data + "/");
    assertThat(env.get("LIAISON_DIRECTORY_DIR")).startsWith(data + "/");
    assertThat(env).containsEntry("LIAISON_GATEWAY_BIND_HOST", "0.0.0.0");
    assertThat(m.envFrom(container, "configMapRef")).containsExactly("liaison-gateway-config");
    assertDocumented(env.keySet());
    assertResourcesAndUser(m, container);
  }

  /**
   * The node runs its own migrations at start: no Flyway Job, no init container waiting for one,
   * Flyway not switched off (an H2 file opens in one process only).
   */
  static void assertMigratesItself(Manifest m, Map<String, String> env) {
    assertThat(m.kinds()).doesNotContain("Job");
    assertThat(m.podSpec()).doesNotContainKey("initContainers");
    assertThat(env).doesNotContainKey("QUARKUS_FLYWAY_ACTIVE");
  }

  static void assertHealthProbes(Map<String, Object> container) {
    assertThat(httpGet(container, "livenessProbe")).containsEntry("path", "/q/health/live");
    assertThat(httpGet(container, "readinessProbe")).containsEntry("path", "/q/health/ready");
    assertThat(httpGet(container, "startupProbe")).containsEntry("path", "/q/health/started");
    for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
      Object port = httpGet(container, probe).get("port");
      // by number or by the name of the plain HTTP port, never a TLS listener
      assertThat(port).as(probe).isIn(8080, "http");
    }
  }

  private static void assertSecretMounted(
      Manifest m, Map<String, Object> container, String secret, String path) {
    Map<String, Object> volume = m.volumeWith("secret", "secretName", secret);
    assertThat(volume).as("a volume of the Secret " + secret).isNotNull();
    @SuppressWarnings("unchecked")
    Map<String, Object> source = (Map<String, Object>) volume.get("secret");
    assertThat(source.get("defaultMode"))
        .as("private keys readable by their owner only")
        .isEqualTo(0400);
    Map<String, Object> mount = m.mountOf(container, (String) volume.get("name"));
    assertThat(mount).containsEntry("mountPath", path).containsEntry("readOnly", true);
  }

  /** The claim is mounted and defined in the same file; returns its mount path. */
  static String assertVolumeClaimMounted(Manifest m, Map<String, Object> container, String claim) {
    Map<String, Object> volume = m.volumeWith("persistentVolumeClaim", "claimName", claim);
    assertThat(volume).as("a volume of the claim " + claim).isNotNull();
    assertThat(m.resource("PersistentVolumeClaim", claim)).as("the claim itself").isNotNull();
    Map<String, Object> mount = m.mountOf(container, (String) volume.get("name"));
    assertThat(mount.get("readOnly")).isNotEqualTo(true);
    return (String) mount.get("mountPath");
  }

  @SuppressWarnings("unchecked")
  private static void assertResourcesAndUser(Manifest m, Map<String, Object> container) {
    Map<String, Object> requests =
        (Map<String, Object>) ((Map<String, Object>) container.get("resources")).get("requests");
    assertThat(requests).containsKeys("cpu", "memory");
    Map<String, Object> limits =
        (Map<String, Object>) ((Map<String, Object>) container.get("resources")).get("limits");
    assertThat(limits).containsKey("memory");
    Map<String, Object> security = (Map<String, Object>) m.podSpec().get("securityContext");
    assertThat(security).containsEntry("runAsNonRoot", true).containsEntry("fsGroup", 185);
  }

  /** Each variable is the environment form of a key in the runbook's configuration table. */
  private static void assertDocumented(Set<String> variables) throws IOException {
    Matcher keys =
        Pattern.compile("^\\| `(liaison\\.[a-z0-9.-]+)`", Pattern.MULTILINE)
            .matcher(Files.readString(ROOT.resolve("docs/runbook.md")));
    Set<String> documented =
        keys.results()
            .map(r -> r.group(1).toUpperCase().replaceAll("[^A-Z0-9]", "_"))
            .collect(Collectors.toSet());
    assertThat(documented).hasSizeGreaterThan(20);
    assertThat(variables.stream().filter(v -> v.startsWith("LIAISON_")))
        .isNotEmpty()
        .allSatisfy(v -> assertThat(documented).as("runbook key for " + v).contains(v));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> httpGet(Map<String, Object> container, String probe) {
    Map<String, Object> p = (Map<String, Object>) container.get(probe);
    assertThat(p).as(probe).isNotNull();
    return (Map<String, Object>) p.get("httpGet");
  }
}

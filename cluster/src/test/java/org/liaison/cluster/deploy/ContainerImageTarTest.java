package org.liaison.cluster.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.liaison.cluster.RepositoryRoot;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The container images {@code mvn -Pimages package} writes without a Docker daemon (decision 0034),
 * opened as a container runtime would: the image's configuration (entrypoint, exposed ports, user)
 * and its layers, the first of which is the base image bin/jre-base-image made. Skipped when no
 * image was built, unless {@code -Dimages.required=true} (the cluster's {@code images} profile)
 * makes a missing image a failure.
 */
class ContainerImageTarTest {
  private static final Path ROOT = RepositoryRoot.find();

  @ParameterizedTest
  @CsvSource({
    "node/target/liaison-node-image.tar, liaison/liaison-node, 8080 9101 9102 9103",
    "gateway/target/liaison-gateway-image.tar, liaison/liaison-gateway, 8080 9201 9202"
  })
  @SuppressWarnings("unchecked")
  void imageConfig_entrypointPortsUserAndLayers(String tar, String repository, String ports)
      throws Exception {
    Path image = ROOT.resolve(tar);
    if (!Boolean.getBoolean("images.required")) {
      assumeTrue(Files.exists(image), "no image built (mvn -Pimages package)");
    }
    assertThat(image).isRegularFile();

    List<Map<String, Object>> manifest =
        (List<Map<String, Object>>) json(entry(image, "manifest.json"));
    assertThat(manifest).hasSize(1);
    assertThat((List<String>) manifest.get(0).get("RepoTags"))
        .singleElement()
        .asString()
        .startsWith(repository + ":");
    List<String> layers = (List<String>) manifest.get(0).get("Layers");
    Map<String, Object> config =
        (Map<String, Object>) json(entry(image, (String) manifest.get(0).get("Config")));

    Map<String, Object> run = (Map<String, Object>) config.get("config");
    assertThat(run.get("User")).isEqualTo("185");
    assertThat(((Map<String, Object>) run.get("ExposedPorts")).keySet())
        .containsExactlyInAnyOrderElementsOf(
            List.of(ports.split(" ")).stream().map(p -> p + "/tcp").toList());
    List<String> entrypoint = (List<String>) run.get("Entrypoint");
    assertThat(entrypoint.get(0)).isEqualTo("java");
    assertThat(entrypoint).contains("-jar");
    assertThat(entrypoint.get(entrypoint.size() - 1)).endsWith("quarkus-run.jar");
    assertThat((List<String>) run.get("Env")).contains("JAVA_HOME=/opt/java");

    // the first layer is the base image's: the Java runtime and user made on this machine
    List<String> diffIds =
        (List<String>) ((Map<String, Object>) config.get("rootfs")).get("diff_ids");
    assertThat(diffIds).hasSameSizeAs(layers).hasSizeGreaterThan(1);
    Path base = ROOT.resolve("target/jre-base-image.tar");
    if (Files.exists(base)) {
      assertThat(diffIds.get(0)).isEqualTo("sha256:" + sha256Of(base, "layer.tar"));
    }
    // the application's layers hold the Quarkus fast-jar where the entrypoint starts it
    String jar =
        Path.of((String) run.get("WorkingDir"))
            .resolve(entrypoint.get(entrypoint.size() - 1))
            .toString()
            .substring(1);
    boolean found = false;
    for (String layer : layers.subList(1, layers.size())) {
      String listing =
          run(List.of("sh", "-c", "tar -xOf \"$0\" \"$1\" | tar -tzf -", image.toString(), layer));
      found |= listing.lines().anyMatch(l -> l.equals(jar) || l.equals("./" + jar));
    }
    assertThat(found).as(jar + " in an application layer").isTrue();
  }

  private static Object json(byte[] bytes) {
    return new Yaml(new SafeConstructor(new LoaderOptions()))
        .load(new String(bytes, StandardCharsets.UTF_8));
  }

  private static byte[] entry(Path tar, String name) throws Exception {
    Process p = new ProcessBuilder("tar", "-xOf", tar.toString(), name).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as(name + " in " + tar).isZero();
    return out;
  }

  private static String run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
    return out;
  }

  /** The SHA-256 of one entry of a tar file, streamed (a base layer is over 100 MB). */
  private static String sha256Of(Path tar, String name) throws Exception {
    Process p = new ProcessBuilder("tar", "-xOf", tar.toString(), name).start();
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    try (DigestInputStream in = new DigestInputStream(p.getInputStream(), digest)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as(name + " in " + tar).isZero();
    return HexFormat.of().formatHex(digest.digest());
  }
}

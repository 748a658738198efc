package org.liaison.cluster.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The resources of one generated {@code kubernetes.yml}, with the look-ups the tests need. */
@SuppressWarnings("unchecked")
final class Manifest {
  private final List<Map<String, Object>> resources;

  private Manifest(List<Map<String, Object>> resources) {
    this.resources = resources;
  }

  static Manifest read(Path file) throws IOException {
    assertThat(file).as("generated at package time (mvn package)").isRegularFile();
    List<Map<String, Object>> all = new ArrayList<>();
    try (Reader in = Files.newBufferedReader(file)) {
      for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(in)) {
        if (doc != null) {
          all.add((Map<String, Object>) doc);
        }
      }
    }
    return new Manifest(all);
  }

  Map<String, Object> resource(String kind, String name) {
    return resources.stream()
        .filter(r -> kind.equals(r.get("kind")))
        .filter(r -> name.equals(((Map<String, Object>) r.get("metadata")).get("name")))
        .findFirst()
        .orElse(null);
  }

  List<String> kinds() {
    return resources.stream().map(r -> (String) r.get("kind")).toList();
  }

  Map<String, Object> podSpec() {
    List<Map<String, Object>> deployments =
        resources.stream().filter(r -> "Deployment".equals(r.get("kind"))).toList();
    assertThat(deployments).hasSize(1);
    Map<String, Object> spec = (Map<String, Object>) deployments.get(0).get("spec");
    return (Map<String, Object>) ((Map<String, Object>) spec.get("template")).get("spec");
  }

  Map<String, Object> container(String name) {
    return ((List<Map<String, Object>>) podSpec().get("containers"))
        .stream()
            .filter(c -> name.equals(c.get("name")))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no container " + name));
  }

  Map<String, Integer> containerPorts(Map<String, Object> container) {
    Map<String, Integer> ports = new LinkedHashMap<>();
    for (Map<String, Object> p : (List<Map<String, Object>>) container.get("ports")) {
      ports.put((String) p.get("name"), (Integer) p.get("containerPort"));
    }
    return ports;
  }

  List<Integer> servicePorts(String service) {
    Map<String, Object> s = resource("Service", service);
    assertThat(s).as("Service " + service).isNotNull();
    return ((List<Map<String, Object>>) ((Map<String, Object>) s.get("spec")).get("ports"))
        .stream().map(p -> (Integer) p.get("targetPort")).toList();
  }

  Map<String, String> env(Map<String, Object> container) {
    Map<String, String> env = new LinkedHashMap<>();
    for (Map<String, Object> e :
        (List<Map<String, Object>>) container.getOrDefault("env", List.of())) {
      env.put((String) e.get("name"), (String) e.get("value"));
    }
    return env;
  }

  /** The names of the ConfigMaps ({@code configMapRef}) or Secrets ({@code secretRef}). */
  List<String> envFrom(Map<String, Object> container, String kind) {
    return ((List<Map<String, Object>>) container.getOrDefault("envFrom", List.of()))
        .stream()
            .filter(e -> e.containsKey(kind))
            .map(e -> (String) ((Map<String, Object>) e.get(kind)).get("name"))
            .toList();
  }

  /** The pod volume whose {@code source} names {@code value} as {@code field}. */
  Map<String, Object> volumeWith(String source, String field, String value) {
    return ((List<Map<String, Object>>) podSpec().getOrDefault("volumes", List.of()))
        .stream()
            .filter(v -> v.get(source) instanceof Map<?, ?> s && value.equals(s.get(field)))
            .findFirst()
            .orElse(null);
  }

  Map<String, Object> mountOf(Map<String, Object> container, String volume) {
    return ((List<Map<String, Object>>) container.getOrDefault("volumeMounts", List.of()))
        .stream()
            .filter(m -> volume.equals(m.get("name")))
            .findFirst()
            .orElseThrow(() -> new AssertionError("the volume " + volume + " is not mounted"));
  }
}

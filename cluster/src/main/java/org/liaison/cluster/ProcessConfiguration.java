package org.liaison.cluster;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.liaison.pki.DevPki;
import org.liaison.postgres.DevPostgres;

/**
 * The configuration (system properties) of one agency's node and gateway in a federation: where
 * their keys, agreements and data are, which ports they listen on, and whom the gateway routes to.
 * The test's own options are applied last, every process's ({@code *}) before the agency's.
 */
final class ProcessConfiguration {

  private ProcessConfiguration() {}

  /** Where one agency's node finds its files. */
  record NodeFiles(Path agreements, Path dataDir, Optional<Path> seed, Path officers) {}

  static Map<String, String> node(
      String agency,
      AgencyPorts ports,
      DevPki pki,
      NodeFiles files,
      Optional<Integer> postgresPort,
      Map<String, Map<String, String>> options) {
    Map<String, String> node = new LinkedHashMap<>();
    node.put("liaison.agency", agency);
    node.put("liaison.node", Federation.NODE);
    node.put("liaison.pki.dir", pki.nodeDir(agency, Federation.NODE).toString());
    node.put("liaison.directory.dir", pki.directory().toString());
    node.put("liaison.agreements.dir", files.agreements().toString());
    node.put("liaison.data-dir", files.dataDir().toString());
    node.put("liaison.federation.port", Integer.toString(ports.federation()));
    node.put("liaison.officer.port", Integer.toString(ports.officer()));
    node.put("liaison.gateway.address", Federation.HOST + ":" + ports.gatewayNode());
    node.put("quarkus.http.port", Integer.toString(ports.nodeHttp()));
    node.put("quarkus.http.host", Federation.HOST);
    files.seed().ifPresent(f -> node.put("liaison.seed.file", f.toString()));
    node.put("liaison.officers.file", files.officers().toString());
    postgresPort.ifPresent(
        port -> {
          node.put(
              "quarkus.datasource.jdbc.url",
              "jdbc:postgresql://" + Federation.HOST + ":" + port + "/" + DevPostgres.DATABASE);
          node.put("quarkus.datasource.username", DevPostgres.USER);
          node.put("quarkus.datasource.password", "");
        });
    withOptions(node, agency, options);
    return node;
  }

  static Map<String, String> gateway(
      String agency,
      Map<String, AgencyPorts> federation,
      DevPki pki,
      Path agreements,
      Path agencyDir,
      Map<String, Map<String, String>> options) {
    AgencyPorts ports = federation.get(agency);
    Map<String, String> gateway = new LinkedHashMap<>();
    gateway.put("liaison.agency", agency);
    gateway.put("liaison.pki.dir", pki.gatewayDir(agency).toString());
    gateway.put("liaison.directory.dir", pki.directory().toString());
    gateway.put("liaison.agreements.dir", agreements.toString());
    gateway.put("liaison.gateway.partner-port", Integer.toString(ports.partner()));
    gateway.put("liaison.gateway.node-port", Integer.toString(ports.gatewayNode()));
    gateway.put(
        "liaison.gateway.replay-file",
        agencyDir.resolve("gateway").resolve("replay-ids.log").toString());
    federation.forEach(
        (partner, theirs) -> {
          if (!partner.equals(agency)) {
            gateway.put(
                "liaison.gateway.routes." + partner, Federation.HOST + ":" + theirs.partner());
          }
        });
    gateway.put(
        "liaison.gateway.nodes." + Federation.NODE, Federation.HOST + ":" + ports.federation());
    gateway.put("quarkus.http.port", Integer.toString(ports.gatewayHttp()));
    gateway.put("quarkus.http.host", Federation.HOST);
    withOptions(gateway, agency, options);
    return gateway;
  }

  private static void withOptions(
      Map<String, String> config, String agency, Map<String, Map<String, String>> options) {
    config.putAll(options.getOrDefault("*", Map.of()));
    config.putAll(options.getOrDefault(agency, Map.of()));
  }
}

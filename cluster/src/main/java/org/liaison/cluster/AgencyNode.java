package org.liaison.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.liaison.cli.NodeClient;
import org.liaison.cli.OfficerCredentials;
import org.liaison.wire.v1.Alert;
import org.liaison.wire.v1.AlertsRequest;
import org.liaison.wire.v1.DeconflictionGrpc;

/** One agency's node in a running {@link Federation}. */
public final class AgencyNode extends FederationProcess {

  private final String node;
  private final int officerPort;
  private final int federationPort;
  private final Path pkiRoot;
  private final Path dataDir;

  AgencyNode(
      String agency,
      String node,
      int officerPort,
      int federationPort,
      int httpPort,
      Path pkiRoot,
      Path dataDir,
      JavaProcess process,
      Duration healthTimeout) {
    super(agency, httpPort, process, healthTimeout);
    this.node = node;
    this.officerPort = officerPort;
    this.federationPort = federationPort;
    this.pkiRoot = pkiRoot;
    this.dataDir = dataDir;
  }

  /** The node's name, {@code node-1}. */
  public String name() {
    return node;
  }

  /** {@code 127.0.0.1:port} of the Officer API. */
  public String officerAddress() {
    return Federation.HOST + ":" + officerPort;
  }

  /** {@code 127.0.0.1:port} of the Federation.Deliver listener (its gateway connects here). */
  public String federationAddress() {
    return Federation.HOST + ":" + federationPort;
  }

  /**
   * The officers' web console, {@code https://127.0.0.1:port/console/}: on the officers' port, with
   * their gRPC API.
   */
  public String consoleUrl() {
    return "https://" + Federation.HOST + ":" + officerPort + "/console/";
  }

  /**
   * The officer's certificate and key as PKCS#12 (password {@code changeit}), for a browser: the
   * development PKI writes it next to the PEM files.
   */
  public Path officerKeystore(String officer) {
    return pkiRoot.resolve(agency()).resolve("officers").resolve(officer).resolve("tls.p12");
  }

  /** The H2 database folder, kept across {@link #stop()}/{@link #start()}. */
  public Path dataDir() {
    return dataDir;
  }

  /** The node's officer directory (officer = roles); the node reads it again when it changes. */
  public Path officerDirectory() {
    return dataDir.getParent().resolve(Federation.OFFICER_DIRECTORY);
  }

  /** The development PKI root (for {@code liaison --pki}). */
  public Path pkiRoot() {
    return pkiRoot;
  }

  /** Credentials of {@code officer-1} of this agency. */
  public OfficerCredentials officerCredentials() {
    return officerCredentials("officer-1");
  }

  public OfficerCredentials officerCredentials(String officer) {
    return OfficerCredentials.fromPki(pkiRoot, agency(), officer);
  }

  /** A new client for {@code officer-1}; close it when done. */
  public NodeClient client() {
    return NodeClient.connect(officerAddress(), officerCredentials());
  }

  /**
   * The de-confliction alerts of this agency's case not yet acknowledged (all cases' when {@code
   * caseReference} is empty), read as officer-1 without acknowledging them.
   */
  public List<Alert> pendingAlerts(String caseReference) {
    try (NodeClient c = client()) {
      List<Alert> alerts = new ArrayList<>();
      DeconflictionGrpc.newBlockingStub(c.channel())
          .withDeadlineAfter(30, TimeUnit.SECONDS)
          .alerts(AlertsRequest.newBuilder().setCaseReference(caseReference).build())
          .forEachRemaining(alerts::add);
      return alerts;
    }
  }

  /** The {@code bin/liaison} connection options for officer-1 of this node. */
  public String cliOptions() {
    return "--node "
        + officerAddress()
        + " --pki "
        + pkiRoot
        + " --agency "
        + agency()
        + " --officer officer-1";
  }
}

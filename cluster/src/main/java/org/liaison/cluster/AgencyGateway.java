package org.liaison.cluster;

import java.time.Duration;

/** One agency's gateway in a running {@link Federation}. */
public final class AgencyGateway extends FederationProcess {

  private final int partnerPort;
  private final int nodePort;

  AgencyGateway(
      String agency,
      int partnerPort,
      int nodePort,
      int httpPort,
      JavaProcess process,
      Duration healthTimeout) {
    super(agency, httpPort, process, healthTimeout);
    this.partnerPort = partnerPort;
    this.nodePort = nodePort;
  }

  /** {@code 127.0.0.1:port} where partner gateways connect. */
  public String partnerAddress() {
    return Federation.HOST + ":" + partnerPort;
  }

  /** {@code 127.0.0.1:port} where its own nodes connect. */
  public String nodeAddress() {
    return Federation.HOST + ":" + nodePort;
  }
}

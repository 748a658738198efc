package org.liaison.gateway.routing;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Where envelopes go: partner agencies to their gateways, own nodes to their listeners. */
public final class RoutingTable {
  private final Map<String, String> partnerGateways;
  private final Map<String, String> ownNodes;

  public RoutingTable(Map<String, String> partnerGateways, Map<String, String> ownNodes) {
    this.partnerGateways = new TreeMap<>(partnerGateways);
    this.ownNodes = new TreeMap<>(ownNodes);
  }

  public Optional<String> partnerGateway(String agency) {
    return Optional.ofNullable(partnerGateways.get(agency));
  }

  public Optional<String> ownNode(String node) {
    return Optional.ofNullable(ownNodes.get(node));
  }

  public Map<String, String> partnerGateways() {
    return partnerGateways;
  }

  public Map<String, String> ownNodes() {
    return ownNodes;
  }
}

package org.liaison.cluster;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The loopback ports of one agency's node and gateway. */
record AgencyPorts(
    int federation, int officer, int nodeHttp, int partner, int gatewayNode, int gatewayHttp) {

  private static final int PER_AGENCY = 6;

  /** Distinct free ports for each agency, in the order given. */
  static Map<String, AgencyPorts> allocate(List<String> agencies) {
    List<Integer> ports = FreePorts.allocate(PER_AGENCY * agencies.size());
    Map<String, AgencyPorts> out = new LinkedHashMap<>();
    for (int i = 0; i < agencies.size(); i++) {
      List<Integer> p = ports.subList(PER_AGENCY * i, PER_AGENCY * (i + 1));
      out.put(
          agencies.get(i),
          new AgencyPorts(p.get(0), p.get(1), p.get(2), p.get(3), p.get(4), p.get(5)));
    }
    return out;
  }
}

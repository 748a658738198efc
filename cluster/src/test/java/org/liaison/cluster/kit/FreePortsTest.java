package org.liaison.cluster.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.liaison.cluster.FreePorts;

class FreePortsTest {

  @Test
  void allocate_manyPorts_areDistinctAndBindableOnLoopback() throws Exception {
    List<Integer> ports = FreePorts.allocate(60);

    assertThat(new HashSet<>(ports)).hasSize(60);
    List<ServerSocket> bound = new ArrayList<>();
    try {
      for (int port : ports) {
        bound.add(new ServerSocket(port, 1, InetAddress.getLoopbackAddress()));
      }
    } finally {
      for (ServerSocket s : bound) s.close();
    }
    assertThat(bound).hasSize(60);
  }

  @Test
  void allocate_separateCalls_neverHandOutTheSamePortTwice() {
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      all.addAll(FreePorts.allocate(6));
    }
    assertThat(new HashSet<>(all)).hasSize(all.size());
  }

  @Test
  void allocate_onLinux_staysBelowTheEphemeralRangeThatOutgoingConnectionsUse() throws Exception {
    java.nio.file.Path range = java.nio.file.Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    org.junit.jupiter.api.Assumptions.assumeTrue(
        java.nio.file.Files.isReadable(range), "no " + range + " (not Linux): nothing to check");
    int ephemeralStart =
        Integer.parseInt(java.nio.file.Files.readAllLines(range).get(0).strip().split("\\s+")[0]);
    org.junit.jupiter.api.Assumptions.assumeTrue(
        ephemeralStart > 21_000, "the ephemeral range starts at " + ephemeralStart);

    assertThat(FreePorts.allocate(40)).allSatisfy(p -> assertThat(p).isLessThan(ephemeralStart));
  }
}

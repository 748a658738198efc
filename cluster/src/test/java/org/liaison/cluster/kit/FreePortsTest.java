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
}

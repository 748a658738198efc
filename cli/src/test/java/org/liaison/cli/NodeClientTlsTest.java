package org.liaison.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liaison.wire.v1.NodeStatus;
import org.liaison.wire.v1.OfficerGrpc;
import org.liaison.wire.v1.StatusRequest;

class NodeClientTlsTest {

  @TempDir Path dir;

  @Test
  void nodeClient_officerOfTheNodesAgency_isServed() throws Exception {
    try (OfficerServerFixture node = new OfficerServerFixture(dir);
        NodeClient client = NodeClient.connect(node.address(), node.credentials("us.ice"))) {
      node.officer.status = NodeStatus.newBuilder().setAgency("us.ice").setNode("node-1").build();
      assertThat(client.status().getAgency()).isEqualTo("us.ice");
      assertThat(client.address()).isEqualTo(node.address());
    }
  }

  @Test
  void server_clientWithoutCertificate_isRefused() throws Exception {
    try (OfficerServerFixture node = new OfficerServerFixture(dir)) {
      ManagedChannel channel =
          NettyChannelBuilder.forTarget(node.address())
              .sslContext(
                  GrpcSslContexts.forClient()
                      .protocols("TLSv1.3")
                      .trustManager(node.pki.caCert("us.ice").toFile())
                      .build())
              .build();
      try {
        assertThatThrownBy(
                () ->
                    OfficerGrpc.newBlockingStub(channel)
                        .withDeadlineAfter(10, TimeUnit.SECONDS)
                        .status(StatusRequest.getDefaultInstance()))
            .isInstanceOf(StatusRuntimeException.class)
            .hasMessageStartingWith("UNAVAILABLE");
        assertThat(node.officer.status).isEqualTo(NodeStatus.getDefaultInstance());
      } finally {
        channel.shutdownNow();
      }
    }
  }

  @Test
  void server_officerOfAnotherAgency_isRefused() throws Exception {
    try (OfficerServerFixture node = new OfficerServerFixture(dir)) {
      // us.dea's officer trusts us.dea's CA; give it us.ice's CA so only the server side can refuse
      OfficerCredentials dea = node.credentials("us.dea");
      OfficerCredentials deaTrustingIce =
          new OfficerCredentials(dea.certificate(), dea.privateKey(), node.pki.caCert("us.ice"));
      CliRun run =
          CliRun.of(
              "status",
              "--node",
              node.address(),
              "--cert",
              deaTrustingIce.certificate().toString(),
              "--key",
              deaTrustingIce.privateKey().toString(),
              "--ca",
              deaTrustingIce.trustedCa().toString());

      assertThat(run.exit()).isEqualTo(1);
      assertThat(run.err()).startsWith("liaison: ").contains(node.address());
      assertThat(run.out()).isEmpty();
    }
  }

  @Test
  void client_serverUnderAnotherCa_isRefused() throws Exception {
    // the server presents us.dea's node certificate; the us.ice officer trusts only us.ice's CA
    try (OfficerServerFixture node = new OfficerServerFixture(dir, "us.dea")) {
      CliRun run = CliRun.of(node.connectAs("us.ice"), "status");

      assertThat(run.exit()).isEqualTo(1);
      assertThat(run.err())
          .contains("The TLS handshake with the node at " + node.address() + " failed");
    }
  }

  @Test
  void client_nodeDown_saysWhichAddressAndWhy() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    try (OfficerServerFixture node = new OfficerServerFixture(dir)) {
      CliRun run =
          CliRun.of(
              "status",
              "--node",
              "127.0.0.1:" + port,
              "--pki",
              node.pki.root().toString(),
              "--agency",
              "us.ice",
              "--officer",
              "officer-1");

      assertThat(run.exit()).isEqualTo(1);
      assertThat(run.err())
          .contains("Cannot connect to the node at 127.0.0.1:" + port, "Connection refused");
    }
  }

  @Test
  void client_missingCredentials_isAUsageError() {
    CliRun none = CliRun.of("status", "--node", "localhost:1");
    CliRun missingFile =
        CliRun.of(
            "status",
            "--node",
            "localhost:1",
            "--pki",
            dir.toString(),
            "--agency",
            "us.ice",
            "--officer",
            "officer-1");
    CliRun badAddress =
        CliRun.of(
            "status",
            "--node",
            "localhost",
            "--pki",
            dir.toString(),
            "--agency",
            "us.ice",
            "--officer",
            "officer-1");

    assertThat(none.exit()).isEqualTo(2);
    assertThat(none.err()).contains("No officer credentials");
    assertThat(missingFile.exit()).isEqualTo(2);
    assertThat(missingFile.err())
        .contains("Cannot read " + dir.resolve("us.ice/officers/officer-1/tls.crt.pem"));
    assertThat(badAddress.err()).contains("'localhost' is not host:port");
  }
}

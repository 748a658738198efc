package org.liaison.wire.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liaison.pki.AgencySpec;
import org.liaison.pki.DevPki;
import org.liaison.pki.RevocationReason;
import org.liaison.wire.pki.AgencyTrustManager;
import org.liaison.wire.pki.CertificateRole;
import org.liaison.wire.pki.TrustDirectory;
import org.liaison.wire.v1.Envelope;
import org.liaison.wire.v1.GatewayRelayGrpc;
import org.liaison.wire.v1.Reason;

/**
 * Rule 3 on a real TLS listener: a peer revoked while its connection is open loses the call it has
 * in flight (PERMISSION_DENIED, CERTIFICATE_REVOKED) and then the connection itself, at the trust
 * reload, without waiting for the connection's age limit; a new connection fails its handshake.
 */
class PeerRevalidationTest {

  @TempDir Path work;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private Server server;
  private ManagedChannel channel;

  @AfterEach
  void stop() {
    if (channel != null) {
      channel.shutdownNow();
    }
    if (server != null) {
      server.shutdownNow();
    }
    executor.shutdownNow();
  }

  @Test
  void revokedPeer_losesItsOpenCall_andItsConnection_atTheReload() throws Exception {
    DevPki pki =
        DevPki.create(
            work.resolve("pki"),
            List.of(AgencySpec.parse("us.ice"), AgencySpec.parse("us.dea")),
            Clock.systemUTC());
    TrustDirectory directory = TrustDirectory.load(pki.directory());
    String deaCa = directory.caFingerprint("us.dea").orElseThrow();
    String iceCa = directory.caFingerprint("us.ice").orElseThrow();
    AgencyTrustManager partners =
        AgencyTrustManager.create(
            directory,
            () -> Map.of("us.dea", deaCa),
            CertificateRole.GATEWAY_TLS,
            Clock.systemUTC());
    CountDownLatch blocked = new CountDownLatch(1);
    server =
        GrpcServers.start(
            "127.0.0.1",
            0,
            TlsIdentity.fromFolder(pki.gatewayDir("us.ice")),
            partners,
            ListenerLimits.officerFacing(1 << 20),
            GrpcServers.Reflection.OFFERED,
            executor,
            List.of(
                new GatewayRelayGrpc.GatewayRelayImplBase() {
                  @Override
                  public void relay(Envelope request, StreamObserver<Envelope> out) {
                    if (request.getHeader().toStringUtf8().equals("hold")) {
                      blocked.countDown(); // answered never: stands for a long stream
                      return;
                    }
                    out.onNext(request);
                    out.onCompleted();
                  }
                }));
    AgencyTrustManager iceGateway =
        AgencyTrustManager.create(
            directory,
            () -> Map.of("us.ice", iceCa),
            CertificateRole.GATEWAY_TLS,
            Clock.systemUTC());
    channel =
        Channels.mutualTls(
            "localhost:" + server.getPort(),
            MutualTls.client(TlsIdentity.fromFolder(pki.gatewayDir("us.dea")), iceGateway),
            1 << 20);
    var stub = GatewayRelayGrpc.newBlockingStub(channel);
    Envelope ping = Envelope.newBuilder().setHeader(ByteString.copyFromUtf8("ping")).build();
    assertThat(stub.relay(ping)).isEqualTo(ping);

    CompletableFuture<Envelope> held =
        CompletableFuture.supplyAsync(
            () ->
                stub.relay(
                    Envelope.newBuilder().setHeader(ByteString.copyFromUtf8("hold")).build()),
            executor);
    assertThat(blocked.await(10, TimeUnit.SECONDS)).isTrue();

    pki.revoke(
        "us.dea", pki.gatewayDir("us.dea").resolve("tls.crt.pem"), RevocationReason.KEY_COMPROMISE);
    directory.replaceWith(TrustDirectory.load(pki.directory()));

    assertThatThrownBy(() -> held.get(10, TimeUnit.SECONDS))
        .cause()
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
              assertThat(Refusals.reasonOf(e)).contains(Reason.CERTIFICATE_REVOKED);
            });
    // the connection itself is closed at the reload, not at its next handshake
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (channel.getState(false) == ConnectivityState.READY && System.nanoTime() < until) {
      Thread.sleep(20);
    }
    assertThat(channel.getState(false))
        .as("the revoked peer's connection was closed by the listener")
        .isNotEqualTo(ConnectivityState.READY);
    // and a new connection is refused: at the handshake, or (a resumed TLS session skips the
    // certificate check) at its first call
    assertThatThrownBy(() -> stub.relay(ping))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              if (e.getStatus().getCode() != Status.Code.UNAVAILABLE) {
                assertThat(Refusals.reasonOf(e)).contains(Reason.CERTIFICATE_REVOKED);
              }
            });
  }
}

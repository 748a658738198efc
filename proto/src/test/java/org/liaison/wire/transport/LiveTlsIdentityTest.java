package org.liaison.wire.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.stub.StreamObserver;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liaison.pki.AgencySpec;
import org.liaison.pki.DevPki;
import org.liaison.wire.pki.AgencyTrustManager;
import org.liaison.wire.pki.CertificateRole;
import org.liaison.wire.pki.TrustDirectory;
import org.liaison.wire.v1.Envelope;
import org.liaison.wire.v1.GatewayRelayGrpc;

/**
 * A listener and a client whose TLS identity is rotated while they run (decision 0028): real TLS
 * 1.3 handshakes on loopback with development-PKI keys (BouncyCastle keys, as the processes load
 * them); the next handshake after {@link LiveTlsIdentity#replaceFrom} presents the new certificate
 * on both sides, and the listener is never restarted.
 */
class LiveTlsIdentityTest {
  @TempDir Path work;

  @Test
  void rotatedPair_isPresentedFromTheNextHandshake_byServerAndClient() throws Exception {
    DevPki pki =
        DevPki.create(
            work.resolve("pki"),
            List.of(AgencySpec.parse("us.ice"), AgencySpec.parse("us.dea")),
            Clock.systemUTC());
    TrustDirectory directory = TrustDirectory.load(pki.directory());
    Path iceGateway = pki.gatewayDir("us.ice");
    Path deaGateway = pki.gatewayDir("us.dea");
    LiveTlsIdentity server = LiveTlsIdentity.fromFolder(iceGateway);
    LiveTlsIdentity client = LiveTlsIdentity.fromFolder(deaGateway);
    AtomicReference<X509Certificate> clientSaw = new AtomicReference<>();
    AtomicReference<String> serverSaw = new AtomicReference<>();
    var serverTrust =
        AgencyTrustManager.create(
            directory,
            () -> Map.of("us.dea", directory.caFingerprint("us.dea").orElseThrow()),
            CertificateRole.GATEWAY_TLS,
            Clock.systemUTC());
    var clientTrust =
        recording(
            AgencyTrustManager.create(
                directory,
                () -> Map.of("us.ice", directory.caFingerprint("us.ice").orElseThrow()),
                CertificateRole.GATEWAY_TLS,
                Clock.systemUTC()),
            clientSaw);
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    ExecutorService executor = Executors.newFixedThreadPool(2);
    Server listener =
        GrpcServers.start(
            "127.0.0.1",
            port,
            server,
            serverTrust,
            ListenerLimits.officerFacing(1 << 20),
            GrpcServers.Reflection.OFFERED,
            executor,
            List.of(
                new GatewayRelayGrpc.GatewayRelayImplBase() {
                  @Override
                  public void relay(Envelope request, StreamObserver<Envelope> out) {
                    serverSaw.set(
                        PeerIdentityInterceptor.current()
                            .certificate()
                            .getSerialNumber()
                            .toString(16));
                    out.onNext(Envelope.getDefaultInstance());
                    out.onCompleted();
                  }
                }));
    try {
      X509Certificate serverBefore = server.get().certificate();
      X509Certificate clientBefore = client.get().certificate();
      call(port, client, clientTrust);
      assertThat(clientSaw.get()).isEqualTo(serverBefore);
      assertThat(serverSaw.get()).isEqualTo(clientBefore.getSerialNumber().toString(16));
      assertThat(server.replaceFrom(iceGateway)).as("nothing new yet").isFalse();

      pki.rotateGateway("us.ice", false);
      pki.rotateGateway("us.dea", false);
      assertThat(server.replaceFrom(iceGateway)).isTrue();
      assertThat(client.replaceFrom(deaGateway)).isTrue();

      call(port, client, clientTrust);
      assertThat(clientSaw.get()).isNotEqualTo(serverBefore).isEqualTo(server.get().certificate());
      assertThat(serverSaw.get())
          .isEqualTo(client.get().certificate().getSerialNumber().toString(16))
          .isNotEqualTo(clientBefore.getSerialNumber().toString(16));
    } finally {
      listener.shutdownNow();
      executor.shutdownNow();
    }
  }

  private static void call(int port, LiveTlsIdentity client, X509ExtendedTrustManager trust) {
    ManagedChannel ch =
        Channels.mutualTls("localhost:" + port, MutualTls.client(client, trust), 1 << 20);
    try {
      GatewayRelayGrpc.newBlockingStub(ch).relay(Envelope.getDefaultInstance());
    } finally {
      ch.shutdownNow();
    }
  }

  /** Checks as {@code delegate} does, and remembers the server certificate it was shown. */
  private static X509ExtendedTrustManager recording(
      X509ExtendedTrustManager delegate, AtomicReference<X509Certificate> seen) {
    return new X509ExtendedTrustManager() {
      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
          throws java.security.cert.CertificateException {
        seen.set(chain[0]);
        delegate.checkServerTrusted(chain, authType, engine);
      }

      @Override
      public void checkServerTrusted(
          X509Certificate[] chain, String authType, java.net.Socket socket)
          throws java.security.cert.CertificateException {
        seen.set(chain[0]);
        delegate.checkServerTrusted(chain, authType, socket);
      }

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType)
          throws java.security.cert.CertificateException {
        seen.set(chain[0]);
        delegate.checkServerTrusted(chain, authType);
      }

      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
          throws java.security.cert.CertificateException {
        delegate.checkClientTrusted(chain, authType, engine);
      }

      @Override
      public void checkClientTrusted(
          X509Certificate[] chain, String authType, java.net.Socket socket)
          throws java.security.cert.CertificateException {
        delegate.checkClientTrusted(chain, authType, socket);
      }

      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType)
          throws java.security.cert.CertificateException {
        delegate.checkClientTrusted(chain, authType);
      }

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        return delegate.getAcceptedIssuers();
      }
    };
  }
}

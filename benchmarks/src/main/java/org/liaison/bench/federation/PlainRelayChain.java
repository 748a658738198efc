package org.liaison.bench.federation;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.liaison.pki.AgencySpec;
import org.liaison.pki.DevPki;
import org.liaison.wire.transport.Channels;
import org.liaison.wire.transport.GrpcServers;
import org.liaison.wire.transport.MutualTls;
import org.liaison.wire.transport.TlsIdentity;
import org.liaison.wire.v1.Envelope;
import org.liaison.wire.v1.GatewayRelayGrpc;

/**
 * The baseline: the same topology as a federated call (officer, node A, gateway A, gateway B, node
 * B), each hop a plain grpc-java server over mutual TLS 1.3 that forwards the bytes unchanged; the
 * last one echoes. No envelope, no signature, no encryption, no policy, no database.
 */
final class PlainRelayChain implements AutoCloseable {
  private final List<Server> servers = new ArrayList<>();
  private final List<ManagedChannel> channels = new ArrayList<>();
  private final ExecutorService executor = Executors.newFixedThreadPool(32);
  private final GatewayRelayGrpc.GatewayRelayBlockingStub entry;

  PlainRelayChain(Path work, List<Integer> ports) throws Exception {
    DevPki pki =
        DevPki.create(
            work.resolve("pki"),
            List.of(AgencySpec.parse("bench.a"), AgencySpec.parse("bench.b")),
            Clock.systemUTC());
    X509TrustManager trust = trustBoth(pki);
    TlsIdentity[] hops = {
      TlsIdentity.fromFolder(pki.nodeDir("bench.a", "node-1")),
      TlsIdentity.fromFolder(pki.gatewayDir("bench.a")),
      TlsIdentity.fromFolder(pki.gatewayDir("bench.b")),
      TlsIdentity.fromFolder(pki.nodeDir("bench.b", "node-1")),
    };
    String next = null;
    for (int i = hops.length - 1; i >= 0; i--) {
      int port = ports.get(i);
      GatewayRelayGrpc.GatewayRelayImplBase service;
      if (next == null) {
        service = echo();
      } else {
        ManagedChannel ch = Channels.mutualTls(next, MutualTls.client(hops[i], trust), 4 << 20);
        channels.add(ch);
        service = forward(GatewayRelayGrpc.newBlockingStub(ch));
      }
      servers.add(
          GrpcServers.start(
              "127.0.0.1",
              port,
              MutualTls.server(hops[i], trust),
              4 << 20,
              executor,
              List.of(service)));
      next = "localhost:" + port;
    }
    TlsIdentity officer = TlsIdentity.fromFolder(pki.officerDir("bench.a", "officer-1"));
    ManagedChannel ch = Channels.mutualTls(next, MutualTls.client(officer, trust), 4 << 20);
    channels.add(ch);
    entry = GatewayRelayGrpc.newBlockingStub(ch);
  }

  Envelope call(Envelope e) {
    return entry.relay(e);
  }

  private static GatewayRelayGrpc.GatewayRelayImplBase echo() {
    return new GatewayRelayGrpc.GatewayRelayImplBase() {
      @Override
      public void relay(Envelope request, StreamObserver<Envelope> out) {
        out.onNext(request);
        out.onCompleted();
      }
    };
  }

  private static GatewayRelayGrpc.GatewayRelayImplBase forward(
      GatewayRelayGrpc.GatewayRelayBlockingStub next) {
    return new GatewayRelayGrpc.GatewayRelayImplBase() {
      @Override
      public void relay(Envelope request, StreamObserver<Envelope> out) {
        try {
          out.onNext(next.relay(request));
          out.onCompleted();
        } catch (RuntimeException e) {
          out.onError(e);
        }
      }
    };
  }

  private static X509TrustManager trustBoth(DevPki pki) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setCertificateEntry("a", pki.caCertificate("bench.a"));
    ks.setCertificateEntry("b", pki.caCertificate("bench.b"));
    TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
    tmf.init(ks);
    return (X509TrustManager) tmf.getTrustManagers()[0];
  }

  @Override
  public void close() {
    channels.forEach(ManagedChannel::shutdownNow);
    servers.forEach(Server::shutdownNow);
    executor.shutdownNow();
  }
}

package org.liaison.wire.transport;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.liaison.wire.pki.AgencyTrustManager;

/**
 * A mutual-TLS gRPC listener with the gRPC health service, the peer-identity interceptor and every
 * connection limit of {@link ListenerLimits}; server reflection only where this agency's own people
 * connect (the partner-facing listeners describe nothing to whoever reaches them).
 */
public final class GrpcServers {
  private GrpcServers() {}

  /** How long a connection may live before the peer must handshake again (with current trust). */
  public static final Duration MAX_CONNECTION_AGE = ListenerLimits.MAX_CONNECTION_AGE;

  /** Whether a listener describes its services (gRPC server reflection) to whoever reaches it. */
  public enum Reflection {
    /** Where this agency's own officers and nodes connect, for tools such as grpcurl. */
    OFFERED,
    /** Partner-facing listeners, and what relays partners' envelopes: they describe nothing. */
    WITHHELD
  }

  public static Server start(
      String host,
      int port,
      SslContext tls,
      int maxMessageBytes,
      Executor executor,
      List<BindableService> services)
      throws IOException {
    return start(
        host,
        port,
        tls,
        null,
        ListenerLimits.officerFacing(maxMessageBytes),
        executor,
        services,
        Reflection.OFFERED);
  }

  /**
   * A listener that accepts peers only through {@code peers}, checks them again on every call and
   * whenever the trust directory is reloaded ({@link PeerRevalidation}: a revoked peer's open calls
   * are closed), and moves new calls to a new connection, so a new handshake, after {@link
   * #MAX_CONNECTION_AGE}. {@code limits} bound each connection ({@link
   * ListenerLimits#partnerFacing}; {@link ListenerLimits#officerFacing} where open streams must not
   * be cut by age); {@code reflection} says whether it describes its services.
   */
  public static Server start(
      String host,
      int port,
      Supplier<TlsIdentity> identity,
      AgencyTrustManager peers,
      ListenerLimits limits,
      Reflection reflection,
      Executor executor,
      List<BindableService> services)
      throws IOException {
    return start(
        host,
        port,
        MutualTls.server(identity, peers),
        peers,
        limits,
        executor,
        services,
        reflection);
  }

  private static Server start(
      String host,
      int port,
      SslContext tls,
      AgencyTrustManager recheck,
      ListenerLimits limits,
      Executor executor,
      List<BindableService> services,
      Reflection reflection)
      throws IOException {
    HealthStatusManager health = new HealthStatusManager();
    // the TLS negotiation remembers each connection, so a revoked peer's can be closed
    PeerConnections connections = recheck == null ? null : new PeerConnections(tls);
    NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(host, port));
    if (connections == null) {
      builder.sslContext(tls);
    } else {
      builder.protocolNegotiator(connections);
    }
    builder.executor(executor).addService(health.getHealthService());
    applyLimits(builder, limits);
    if (reflection == Reflection.OFFERED) {
      builder.addService(ProtoReflectionServiceV1.newInstance());
    }
    PeerIdentityInterceptor peers = new PeerIdentityInterceptor();
    PeerRevalidation revalidation = null;
    if (recheck != null) {
      // New calls move to a fresh connection (a fresh handshake) every minute (the limits' age);
      // a peer that is no longer trusted has its calls and its connections closed at the trust
      // reload.
      revalidation = new PeerRevalidation(recheck, connections);
    }
    // the last interceptor runs first: the peer is checked and named before the call is traced
    ServerInterceptor tracing = CallTracing.server();
    for (BindableService service : services) {
      builder.addService(
          revalidation == null
              ? ServerInterceptors.intercept(service, tracing, peers)
              : ServerInterceptors.intercept(service, tracing, peers, revalidation));
      health.setStatus(
          service.bindService().getServiceDescriptor().getName(), ServingStatus.SERVING);
    }
    health.setStatus("", ServingStatus.SERVING);
    return builder.build().start();
  }

  private static void applyLimits(NettyServerBuilder builder, ListenerLimits limits) {
    builder
        .maxInboundMessageSize(limits.maxInboundMessageBytes())
        .maxConcurrentCallsPerConnection(limits.maxConcurrentStreams())
        .maxInboundMetadataSize(limits.maxHeaderListBytes())
        .maxRstFramesPerWindow(limits.maxResetsPerWindow(), (int) limits.resetWindow().toSeconds())
        .handshakeTimeout(limits.handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .keepAliveTime(limits.keepAliveTime().toMillis(), TimeUnit.MILLISECONDS)
        .keepAliveTimeout(limits.keepAliveTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .permitKeepAliveTime(limits.permitKeepAliveTime().toMillis(), TimeUnit.MILLISECONDS)
        .permitKeepAliveWithoutCalls(false)
        .maxConnectionIdle(limits.maxConnectionIdle().toMillis(), TimeUnit.MILLISECONDS)
        .maxConnectionAge(limits.maxConnectionAge().toMillis(), TimeUnit.MILLISECONDS);
    limits
        .maxConnectionAgeGrace()
        .ifPresent(g -> builder.maxConnectionAgeGrace(g.toMillis(), TimeUnit.MILLISECONDS));
  }

  /**
   * The one shutdown of listeners: all stop taking calls at once, running calls get {@code grace}
   * in total to finish, then what is left is cancelled. Absent (null) servers are skipped.
   */
  public static void stop(Duration grace, Server... servers) {
    List<Server> running = Arrays.stream(servers).filter(Objects::nonNull).toList();
    running.forEach(Server::shutdown);
    long deadline = System.nanoTime() + grace.toNanos();
    for (Server s : running) {
      try {
        s.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      s.shutdownNow();
    }
  }
}

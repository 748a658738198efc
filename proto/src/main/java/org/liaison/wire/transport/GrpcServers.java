package org.liaison.wire.transport;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * A mutual-TLS gRPC listener with the gRPC health service, the peer-identity interceptor and a
 * bounded message size; server reflection only where this agency's own people connect (the
 * partner-facing listeners describe nothing to whoever reaches them).
 */
public final class GrpcServers {
  private GrpcServers() {}

  /** A listener with server reflection, for this agency's own officers and tools. */
  public static Server start(
      String host,
      int port,
      SslContext tls,
      int maxMessageBytes,
      Executor executor,
      List<BindableService> services)
      throws IOException {
    return start(host, port, tls, maxMessageBytes, executor, services, true);
  }

  /** A listener without server reflection: partner gateways, and what relays their envelopes. */
  public static Server startWithoutReflection(
      String host,
      int port,
      SslContext tls,
      int maxMessageBytes,
      Executor executor,
      List<BindableService> services)
      throws IOException {
    return start(host, port, tls, maxMessageBytes, executor, services, false);
  }

  private static Server start(
      String host,
      int port,
      SslContext tls,
      int maxMessageBytes,
      Executor executor,
      List<BindableService> services,
      boolean reflection)
      throws IOException {
    HealthStatusManager health = new HealthStatusManager();
    NettyServerBuilder builder =
        NettyServerBuilder.forAddress(new InetSocketAddress(host, port))
            .sslContext(tls)
            .maxInboundMessageSize(maxMessageBytes)
            .permitKeepAliveTime(10, TimeUnit.SECONDS)
            .executor(executor)
            .addService(health.getHealthService());
    if (reflection) {
      builder.addService(ProtoReflectionServiceV1.newInstance());
    }
    PeerIdentityInterceptor peers = new PeerIdentityInterceptor();
    for (BindableService service : services) {
      builder.addService(ServerInterceptors.intercept(service, peers));
      health.setStatus(
          service.bindService().getServiceDescriptor().getName(), ServingStatus.SERVING);
    }
    health.setStatus("", ServingStatus.SERVING);
    return builder.build().start();
  }
}

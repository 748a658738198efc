package org.liaison.wire.transport;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import java.util.concurrent.TimeUnit;

/** Mutual-TLS channels to a partner gateway, an agency's own gateway or node. */
public final class Channels {
  private Channels() {}

  /**
   * A channel to {@code host:port}. The TLS server name is {@code localhost} unless the address
   * names a host: development certificates carry {@code localhost} and {@code 127.0.0.1}.
   */
  public static ManagedChannel mutualTls(String address, SslContext tls, int maxMessageBytes) {
    int colon = address.lastIndexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("address must be host:port, got '" + address + "'");
    }
    String host = address.substring(0, colon);
    int port = Integer.parseInt(address.substring(colon + 1));
    return NettyChannelBuilder.forAddress(host, port)
        .sslContext(tls)
        .maxInboundMessageSize(maxMessageBytes)
        .keepAliveTime(30, TimeUnit.SECONDS)
        .build();
  }
}

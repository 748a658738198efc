package org.liaison.wire.transport;

import io.grpc.netty.shaded.io.grpc.netty.GrpcHttp2ConnectionHandler;
import io.grpc.netty.shaded.io.grpc.netty.InternalProtocolNegotiator;
import io.grpc.netty.shaded.io.grpc.netty.InternalProtocolNegotiators;
import io.grpc.netty.shaded.io.netty.channel.Channel;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandler;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandlerAdapter;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandlerContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslHandler;
import io.grpc.netty.shaded.io.netty.util.AsciiString;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * The TLS connections of one listener, so that one peer's connections can be closed while the
 * listener goes on: gRPC's public API closes calls, not a peer's connection. This is gRPC's own
 * server TLS negotiation ({@code InternalProtocolNegotiators.serverTls}), wrapped to remember each
 * connection's Netty channel until it closes (decision 0019: the internal API is pinned with
 * grpc-java's version and covered by {@code PeerRevalidationTest}).
 */
final class PeerConnections implements InternalProtocolNegotiator.ProtocolNegotiator {
  /** Time for the refusals of a closed peer's calls to be written before its connection goes. */
  static final long GRACE_MS = 200;

  private final InternalProtocolNegotiator.ProtocolNegotiator tls;
  private final Set<Channel> channels = ConcurrentHashMap.newKeySet();

  PeerConnections(SslContext context) {
    this.tls = InternalProtocolNegotiators.serverTls(context);
  }

  @Override
  public AsciiString scheme() {
    return tls.scheme();
  }

  @Override
  public ChannelHandler newHandler(GrpcHttp2ConnectionHandler grpcHandler) {
    ChannelHandler negotiation = tls.newHandler(grpcHandler);
    return new ChannelHandlerAdapter() {
      @Override
      public void handlerAdded(ChannelHandlerContext ctx) {
        Channel channel = ctx.channel();
        channels.add(channel);
        channel.closeFuture().addListener(closed -> channels.remove(channel));
        ctx.pipeline().replace(this, null, negotiation);
      }
    };
  }

  @Override
  public void close() {
    tls.close();
  }

  /** Connections open now (handshaking or established). */
  int open() {
    return channels.size();
  }

  /**
   * Closes, after {@link #GRACE_MS}, every established connection whose peer's certificate the
   * predicate refuses; returns how many.
   */
  int closeWhere(Predicate<X509Certificate> refused) {
    int closed = 0;
    for (Channel channel : channels) {
      X509Certificate leaf = leaf(channel);
      if (leaf != null && refused.test(leaf)) {
        channel.eventLoop().schedule(() -> channel.close(), GRACE_MS, TimeUnit.MILLISECONDS);
        closed++;
      }
    }
    return closed;
  }

  private static X509Certificate leaf(Channel channel) {
    SslHandler ssl = channel.pipeline().get(SslHandler.class);
    if (ssl == null || !ssl.handshakeFuture().isSuccess()) {
      return null;
    }
    try {
      Certificate[] chain = ssl.engine().getSession().getPeerCertificates();
      return chain.length > 0 && chain[0] instanceof X509Certificate x ? x : null;
    } catch (SSLPeerUnverifiedException e) {
      return null;
    }
  }
}

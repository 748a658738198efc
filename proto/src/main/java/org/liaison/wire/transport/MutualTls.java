package org.liaison.wire.transport;

import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509TrustManager;

/**
 * TLS 1.3 contexts for every hop. Client certificates are always required; trust is whatever {@link
 * X509TrustManager} the caller derives (for partners: from the agreements in force), so it can
 * change at run time without restarting the listener.
 */
public final class MutualTls {
  private static final String[] PROTOCOLS = {"TLSv1.3"};

  private MutualTls() {}

  /**
   * A server context presenting the identity {@code identity} holds at each handshake (a {@link
   * LiveTlsIdentity} follows key rotation).
   */
  public static SslContext server(Supplier<TlsIdentity> identity, X509TrustManager trust) {
    try {
      SslContextBuilder builder =
          SslContextBuilder.forServer(new CurrentKeyManager(identity))
              .trustManager(trust)
              .clientAuth(ClientAuth.REQUIRE)
              .protocols(PROTOCOLS)
              .sslProvider(SslProvider.JDK);
      return GrpcSslContexts.configure(builder, SslProvider.JDK).build();
    } catch (SSLException e) {
      throw new IllegalStateException("cannot build the TLS server context: " + e.getMessage(), e);
    }
  }

  /**
   * A key manager presenting the identity {@code identity} holds at each handshake, for TLS servers
   * built elsewhere (the node's web console).
   */
  public static X509ExtendedKeyManager keyManager(Supplier<TlsIdentity> identity) {
    return new CurrentKeyManager(identity);
  }

  /** A client context presenting the identity {@code identity} holds at each handshake. */
  public static SslContext client(Supplier<TlsIdentity> identity, X509TrustManager trust) {
    try {
      SslContextBuilder builder =
          SslContextBuilder.forClient()
              .keyManager(new CurrentKeyManager(identity))
              .trustManager(trust)
              .protocols(PROTOCOLS)
              .sslProvider(SslProvider.JDK);
      return GrpcSslContexts.configure(builder, SslProvider.JDK).build();
    } catch (SSLException e) {
      throw new IllegalStateException("cannot build the TLS client context: " + e.getMessage(), e);
    }
  }
}

package org.liaison.wire.transport;

import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLException;
import javax.net.ssl.X509TrustManager;

/**
 * TLS 1.3 contexts for every hop. Client certificates are always required; trust is whatever {@link
 * X509TrustManager} the caller derives (for partners: from the agreements in force), so it can
 * change at run time without restarting the listener.
 */
public final class MutualTls {
  private static final String[] PROTOCOLS = {"TLSv1.3"};

  private MutualTls() {}

  public static SslContext server(TlsIdentity identity, X509TrustManager trust) {
    try {
      SslContextBuilder builder =
          SslContextBuilder.forServer(
                  identity.key(), identity.chain().toArray(X509Certificate[]::new))
              .trustManager(trust)
              .clientAuth(ClientAuth.REQUIRE)
              .protocols(PROTOCOLS)
              .sslProvider(SslProvider.JDK);
      return GrpcSslContexts.configure(builder, SslProvider.JDK).build();
    } catch (SSLException e) {
      throw new IllegalStateException("cannot build the TLS server context: " + e.getMessage(), e);
    }
  }

  public static SslContext client(TlsIdentity identity, X509TrustManager trust) {
    try {
      SslContextBuilder builder =
          SslContextBuilder.forClient()
              .keyManager(identity.key(), identity.chain().toArray(X509Certificate[]::new))
              .trustManager(trust)
              .protocols(PROTOCOLS)
              .sslProvider(SslProvider.JDK);
      return GrpcSslContexts.configure(builder, SslProvider.JDK).build();
    } catch (SSLException e) {
      throw new IllegalStateException("cannot build the TLS client context: " + e.getMessage(), e);
    }
  }
}

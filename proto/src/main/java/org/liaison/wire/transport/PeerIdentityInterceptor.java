package org.liaison.wire.transport;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * Puts the TLS peer's identity in the gRPC {@link Context}, so that services can check that the
 * agency in an envelope is the agency at the other end of the connection.
 */
public final class PeerIdentityInterceptor implements ServerInterceptor {
  public static final Context.Key<PeerIdentity> PEER = Context.key("liaison-peer");

  @Override
  public <Q, A> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
    SSLSession session = call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
    if (session == null) {
      call.close(Status.UNAUTHENTICATED.withDescription("mutual TLS is required"), new Metadata());
      return new ServerCall.Listener<>() {};
    }
    try {
      Certificate[] chain = session.getPeerCertificates();
      PeerIdentity peer = PeerIdentity.of((X509Certificate) chain[0]);
      return Contexts.interceptCall(Context.current().withValue(PEER, peer), call, headers, next);
    } catch (SSLPeerUnverifiedException e) {
      call.close(
          Status.UNAUTHENTICATED.withDescription("a client certificate is required"),
          new Metadata());
      return new ServerCall.Listener<>() {};
    }
  }

  /**
   * The peer of the current call; only valid inside a call on a server built by {@link
   * GrpcServers}.
   */
  public static PeerIdentity current() {
    PeerIdentity peer = PEER.get();
    if (peer == null) {
      throw new IllegalStateException("no TLS peer in this context");
    }
    return peer;
  }
}

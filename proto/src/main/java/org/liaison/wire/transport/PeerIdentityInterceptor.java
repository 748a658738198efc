package org.liaison.wire.transport;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.liaison.wire.pki.AgencyTrustManager;
import org.liaison.wire.pki.CertificateValidationException;

/**
 * Puts the TLS peer's identity in the gRPC {@link Context}, so that services can check that the
 * agency in an envelope is the agency at the other end of the connection. With a trust manager, it
 * checks the peer's certificate again on every call against the trust as it is now, so a peer
 * revoked while its connection is open is refused on its next call (PERMISSION_DENIED with the
 * certificate's reason), not only on its next handshake.
 */
public final class PeerIdentityInterceptor implements ServerInterceptor {
  public static final Context.Key<PeerIdentity> PEER = Context.key("liaison-peer");

  private final AgencyTrustManager recheck;

  public PeerIdentityInterceptor() {
    this(null);
  }

  /** Re-validates the peer on every call with {@code recheck} (null: only at the handshake). */
  public PeerIdentityInterceptor(AgencyTrustManager recheck) {
    this.recheck = recheck;
  }

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
      X509Certificate leaf = (X509Certificate) chain[0];
      if (recheck != null) {
        try {
          recheck.check(new X509Certificate[] {leaf});
        } catch (CertificateValidationException e) {
          StatusRuntimeException refusal =
              Refusals.refuse(
                  Status.Code.PERMISSION_DENIED,
                  e.reason(),
                  "the TLS peer is no longer trusted: " + e.getMessage());
          call.close(refusal.getStatus(), refusal.getTrailers());
          return new ServerCall.Listener<>() {};
        }
      }
      PeerIdentity peer = PeerIdentity.of(leaf);
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

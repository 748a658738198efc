package org.liaison.wire.transport;

import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.security.cert.X509Certificate;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.liaison.wire.pki.AgencyTrustManager;
import org.liaison.wire.pki.CertificateValidationException;
import org.liaison.wire.v1.Reason;

/**
 * Keeps a listener's TLS peers trusted for as long as they talk, not only at the handshake: every
 * call is checked against the trust as it is now, and when the trust directory is reloaded (a CRL
 * re-issued) every open call of a peer that is no longer trusted is closed (a long stream such as
 * {@code alerts --follow} included), and then the peer's connections themselves when the listener
 * tracks them ({@link PeerConnections}). Refusals are PERMISSION_DENIED with the certificate's
 * reason.
 *
 * <p>An agency that is merely no longer trusted (its agreement ended: UNKNOWN_AGENCY) is left to
 * the services, which check the agreement on every envelope and say precisely why
 * (AGREEMENT_EXPIRED, NO_AGREEMENT...); its next handshake is refused anyway. What this class
 * enforces is the certificate itself: revoked, expired, wrong role.
 */
public final class PeerRevalidation implements ServerInterceptor {
  private final AgencyTrustManager trust;
  private final Set<OpenCall<?, ?>> open = ConcurrentHashMap.newKeySet();

  private final Function<ServerCall<?, ?>, X509Certificate> leafOf;
  private final PeerConnections connections;

  public PeerRevalidation(AgencyTrustManager trust) {
    this(trust, PeerRevalidation::leaf, null);
  }

  /**
   * For a server whose peer is not on the call's TLS session (the web console's in-process
   * channel): {@code leafOf} gives the caller's verified certificate, or null when it has none.
   */
  public PeerRevalidation(
      AgencyTrustManager trust, Function<ServerCall<?, ?>, X509Certificate> leafOf) {
    this(trust, leafOf, null);
  }

  PeerRevalidation(AgencyTrustManager trust, PeerConnections connections) {
    this(trust, PeerRevalidation::leaf, connections);
  }

  private PeerRevalidation(
      AgencyTrustManager trust,
      Function<ServerCall<?, ?>, X509Certificate> leafOf,
      PeerConnections connections) {
    this.trust = trust;
    this.leafOf = leafOf;
    this.connections = connections;
    trust.directory().onReplace(this::closeUntrusted);
  }

  @Override
  public <Q, A> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
    X509Certificate leaf = leafOf.apply(call);
    if (leaf == null) {
      return next.startCall(call, headers); // PeerIdentityInterceptor refuses it
    }
    try {
      trust.check(new X509Certificate[] {leaf});
    } catch (CertificateValidationException e) {
      if (e.reason() == Reason.UNKNOWN_AGENCY) {
        return next.startCall(call, headers);
      }
      StatusRuntimeException refusal = refusal(e);
      call.close(refusal.getStatus(), refusal.getTrailers());
      return new ServerCall.Listener<>() {};
    }
    OpenCall<Q, A> tracked = new OpenCall<>(call, leaf);
    open.add(tracked);
    return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(
        next.startCall(tracked, headers)) {
      @Override
      public void onComplete() {
        open.remove(tracked);
        super.onComplete();
      }

      @Override
      public void onCancel() {
        open.remove(tracked);
        super.onCancel();
      }
    };
  }

  /** How many calls are open on this listener (for tests and metrics). */
  public int openCalls() {
    return open.size();
  }

  private void closeUntrusted() {
    for (OpenCall<?, ?> c : open) {
      try {
        trust.check(new X509Certificate[] {c.leaf});
      } catch (CertificateValidationException e) {
        if (e.reason() == Reason.UNKNOWN_AGENCY) {
          continue;
        }
        open.remove(c);
        c.forceClose(refusal(e));
      }
    }
    if (connections != null) {
      // then the connections themselves, once the refusals above are written
      connections.closeWhere(this::revoked);
    }
  }

  /** The certificate itself is no longer trusted (not merely its agency's agreement ended). */
  private boolean revoked(X509Certificate leaf) {
    try {
      trust.check(new X509Certificate[] {leaf});
      return false;
    } catch (CertificateValidationException e) {
      return e.reason() != Reason.UNKNOWN_AGENCY;
    }
  }

  private static StatusRuntimeException refusal(CertificateValidationException e) {
    return Refusals.refuse(
        Status.Code.PERMISSION_DENIED,
        e.reason(),
        "the TLS peer is no longer trusted: " + e.getMessage());
  }

  private static X509Certificate leaf(ServerCall<?, ?> call) {
    SSLSession session = call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
    if (session == null) {
      return null;
    }
    try {
      return (X509Certificate) session.getPeerCertificates()[0];
    } catch (SSLPeerUnverifiedException e) {
      return null;
    }
  }

  /** A call that can be closed from outside the service; later sends are dropped. */
  private static final class OpenCall<Q, A>
      extends ForwardingServerCall.SimpleForwardingServerCall<Q, A> {
    final X509Certificate leaf;
    private boolean closed;

    OpenCall(ServerCall<Q, A> call, X509Certificate leaf) {
      super(call);
      this.leaf = leaf;
    }

    @Override
    public synchronized void sendHeaders(Metadata headers) {
      if (!closed) {
        super.sendHeaders(headers);
      }
    }

    @Override
    public synchronized void sendMessage(A message) {
      if (!closed) {
        super.sendMessage(message);
      }
    }

    @Override
    public synchronized void close(Status status, Metadata trailers) {
      if (!closed) {
        closed = true;
        super.close(status, trailers);
      }
    }

    @Override
    public synchronized boolean isCancelled() {
      return closed || super.isCancelled();
    }

    void forceClose(StatusRuntimeException refusal) {
      close(refusal.getStatus(), refusal.getTrailers());
    }
  }
}

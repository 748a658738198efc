package org.liaison.node.runtime;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.liaison.wire.pki.CertificateRole;
import org.liaison.wire.transport.CallTracing;
import org.liaison.wire.transport.PeerIdentityInterceptor;
import org.liaison.wire.transport.PeerRevalidation;

/**
 * What every call to the officers' API (the {@code @GrpcService} beans Quarkus serves on its HTTPS
 * server, decision 0036) passes: the caller is the officer of the client certificate verified in
 * the TLS handshake (a call without one, such as over the plain HTTP port, is refused), and that
 * certificate is checked again against the trust directory as it stands now, on every call and at
 * every reload, which closes a revoked officer's open calls ({@link PeerRevalidation}); then the
 * call is traced as on the other listeners ({@link CallTracing}).
 */
@GlobalInterceptor
@ApplicationScoped
public class OfficerCallGate implements ServerInterceptor {
  @Inject NodeKeys keys;

  private final PeerIdentityInterceptor identity = new PeerIdentityInterceptor();
  private final ServerInterceptor tracing = CallTracing.server();
  private volatile PeerRevalidation revalidation;

  @Override
  public <Q, A> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
    PeerRevalidation current = revalidation();
    return identity.interceptCall(
        call,
        headers,
        (c, h) -> current.interceptCall(c, h, (c2, h2) -> tracing.interceptCall(c2, h2, next)));
  }

  // built at the first call: the node's keys and trust directory exist only when it serves
  private PeerRevalidation revalidation() {
    PeerRevalidation r = revalidation;
    if (r == null) {
      synchronized (this) {
        if (revalidation == null) {
          revalidation = new PeerRevalidation(keys.ownAgencyTrust(CertificateRole.OFFICER));
        }
        r = revalidation;
      }
    }
    return r;
  }
}

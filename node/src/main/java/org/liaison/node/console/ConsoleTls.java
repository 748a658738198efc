package org.liaison.node.console;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.TrustOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;
import org.liaison.node.runtime.NodeKeys;
import org.liaison.wire.pki.CertificateRole;
import org.liaison.wire.transport.MutualTls;

/**
 * The HTTPS server carries the console and the officers' gRPC API (decision 0036). Its handshake
 * presents the node's TLS pair as it is now (a rotated pair from the next handshake on, decision
 * 0028), speaks TLS 1.3 only, as the other listeners, and trusts officer certificates of this
 * agency, checked against the trust directory as the node reloads it (so a CRL re-issued by {@code
 * liaison-pki revoke} refuses the officer's next handshake), instead of the agency CA read once
 * from a PEM file. Requests on connections opened before are checked by {@link ConsoleGate} (pages)
 * and {@link org.liaison.node.runtime.OfficerCallGate} (gRPC calls).
 */
@ApplicationScoped
public class ConsoleTls implements HttpServerOptionsCustomizer {
  @Inject NodeKeys keys;

  @Override
  public void customizeHttpsServer(HttpServerOptions options) {
    // Quarkus asks even when no HTTPS is configured (tests, dev) and drops the options then
    if (options.isSsl() && options.getKeyCertOptions() != null) {
      options.setEnabledSecureTransportProtocols(Set.of("TLSv1.3"));
      options.setKeyCertOptions(KeyCertOptions.wrap(MutualTls.keyManager(keys.tls())));
      options.setTrustOptions(TrustOptions.wrap(keys.ownAgencyTrust(CertificateRole.OFFICER)));
    }
  }
}

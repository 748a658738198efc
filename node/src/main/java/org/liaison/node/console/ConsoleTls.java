package org.liaison.node.console;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.TrustOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.liaison.node.runtime.NodeKeys;
import org.liaison.wire.pki.CertificateRole;

/**
 * The console's HTTPS handshake trusts what the officer gRPC listener trusts: officer certificates
 * of this agency, checked against the trust directory as the node reloads it (so a CRL re-issued by
 * {@code liaison-pki revoke} refuses the officer's next handshake), instead of the agency CA read
 * once from a PEM file. Requests on connections opened before are checked by {@link ConsoleGate}.
 */
@ApplicationScoped
public class ConsoleTls implements HttpServerOptionsCustomizer {
  @Inject NodeKeys keys;

  @Override
  public void customizeHttpsServer(HttpServerOptions options) {
    // Quarkus asks even when no HTTPS is configured (tests, dev) and drops the options then
    if (options.isSsl() && options.getKeyCertOptions() != null) {
      options.setTrustOptions(TrustOptions.wrap(keys.ownAgencyTrust(CertificateRole.OFFICER)));
    }
  }
}

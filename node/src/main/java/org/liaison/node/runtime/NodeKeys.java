package org.liaison.node.runtime;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.X509TrustManager;
import org.liaison.node.config.NodeConfig;
import org.liaison.wire.pki.AgencyTrustManager;
import org.liaison.wire.pki.NodeCredentials;
import org.liaison.wire.pki.TrustDirectory;
import org.liaison.wire.transport.TlsIdentity;

/** This node's keys and the public material of the agencies, loaded once at start-up. */
@ApplicationScoped
public class NodeKeys {
  @Inject NodeConfig config;

  private NodeCredentials credentials;
  private TlsIdentity tls;
  private TrustDirectory directory;

  @PostConstruct
  void load() {
    try {
      credentials = NodeCredentials.load(config.pki().dir());
      tls = TlsIdentity.fromFolder(config.pki().dir());
      directory = TrustDirectory.load(config.directory().dir());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read the node's keys from "
              + config.pki().dir()
              + " or the directory "
              + config.directory().dir()
              + ": "
              + e.getMessage(),
          e);
    }
  }

  public NodeCredentials credentials() {
    return credentials;
  }

  public TlsIdentity tls() {
    return tls;
  }

  public TrustDirectory directory() {
    return directory;
  }

  /** Trust for peers of this node's own agency only, with the given certificate kind (OU). */
  public X509TrustManager ownAgencyTrust(String kind) {
    String agency = config.agency();
    String fingerprint =
        directory
            .caFingerprint(agency)
            .orElseThrow(
                () -> new IllegalStateException("no CA for " + agency + " in the directory"));
    return AgencyTrustManager.create(
        directory, () -> Map.of(agency, fingerprint), Set.of(kind), Clock.systemUTC());
  }
}

package org.liaison.node.runtime;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Map;
import org.liaison.node.config.NodeConfig;
import org.liaison.wire.pki.AgencyTrustManager;
import org.liaison.wire.pki.CertificateRole;
import org.liaison.wire.pki.NodeCredentials;
import org.liaison.wire.pki.TrustDirectory;
import org.liaison.wire.pki.TrustDirectoryWatcher;
import org.liaison.wire.transport.TlsIdentity;

/**
 * This node's keys, loaded at start-up, and the public material of the agencies, kept equal to the
 * directory folder while running (a re-issued CRL takes effect within the watcher's interval).
 */
@ApplicationScoped
public class NodeKeys {
  @Inject NodeConfig config;

  private NodeCredentials credentials;
  private TlsIdentity tls;
  private TrustDirectoryWatcher watcher;
  private TrustDirectory directory;

  @PostConstruct
  void load() {
    try {
      credentials = NodeCredentials.load(config.pki().dir());
      tls = TlsIdentity.fromFolder(config.pki().dir());
      watcher =
          TrustDirectoryWatcher.start(
              config.directory().dir(), config.directory().reloadInterval());
      directory = watcher.directory();
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

  @PreDestroy
  void close() {
    if (watcher != null) {
      watcher.close();
    }
  }

  /** Runs {@code listener} whenever the directory changed on disk and was reloaded. */
  public void onTrustChange(Runnable listener) {
    watcher.onChange(listener);
  }

  /** Trust for peers of this node's own agency only, in the given role. */
  public AgencyTrustManager ownAgencyTrust(CertificateRole role) {
    String agency = config.agency();
    String fingerprint =
        directory
            .caFingerprint(agency)
            .orElseThrow(
                () -> new IllegalStateException("no CA for " + agency + " in the directory"));
    return AgencyTrustManager.create(
        directory, () -> Map.of(agency, fingerprint), role, Clock.systemUTC());
  }
}

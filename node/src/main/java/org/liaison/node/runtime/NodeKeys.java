package org.liaison.node.runtime;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jboss.logging.Logger;
import org.liaison.node.config.NodeConfig;
import org.liaison.wire.crypto.Ecdsa;
import org.liaison.wire.pki.AgencyTrustManager;
import org.liaison.wire.pki.CertificateRole;
import org.liaison.wire.pki.Certificates;
import org.liaison.wire.pki.FolderWatcher;
import org.liaison.wire.pki.NodeCredentials;
import org.liaison.wire.pki.TrustDirectory;
import org.liaison.wire.pki.TrustDirectoryWatcher;
import org.liaison.wire.transport.LiveTlsIdentity;

/**
 * This node's keys, loaded at start-up, and the public material of the agencies, kept equal to the
 * directory folder while running (a re-issued CRL takes effect within the watcher's interval).
 */
@ApplicationScoped
public class NodeKeys {
  private static final Logger LOG = Logger.getLogger(NodeKeys.class);
  @Inject NodeConfig config;

  private volatile NodeCredentials credentials;
  private LiveTlsIdentity tls;
  private TrustDirectoryWatcher watcher;
  private FolderWatcher keyWatcher;
  private TrustDirectory directory;
  private final List<Consumer<NodeCredentials>> keyListeners = new CopyOnWriteArrayList<>();

  @PostConstruct
  void load() {
    try {
      credentials = NodeCredentials.load(config.pki().dir());
      tls = LiveTlsIdentity.fromFolder(config.pki().dir());
      watcher =
          TrustDirectoryWatcher.start(
              config.directory().dir(), config.directory().reloadInterval());
      directory = watcher.directory();
      keyWatcher =
          FolderWatcher.start(
              config.pki().dir(), config.directory().reloadInterval(), this::reloadOwnKeys);
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

  /** The TLS key and certificate presented now (new handshakes follow a rotation). */
  public LiveTlsIdentity tls() {
    return tls;
  }

  /**
   * Runs {@code listener} with the node's credentials whenever its key folder holds new keys or a
   * new TLS pair ({@code liaison-pki rotate}; decision 0028).
   */
  public void onKeyChange(Consumer<NodeCredentials> listener) {
    keyListeners.add(listener);
  }

  /**
   * Reads the key folder now instead of at the next tick (an envelope sealed to a key this node may
   * just have been given); a read already under way is waited for. Returns whether new keys were
   * taken in.
   */
  public boolean readOwnKeysNow() {
    return keyWatcher != null && keyWatcher.check();
  }

  /**
   * Takes in the node's key folder after it changed: only when every key matches its certificate (a
   * folder caught half-written is tried again at the next tick), and only what is new.
   */
  private void reloadOwnKeys() throws IOException {
    Path dir = config.pki().dir();
    NodeCredentials next = NodeCredentials.load(dir);
    if (!Ecdsa.samePair(next.signingKey(), next.signingCertificate().getPublicKey())
        || !Ecdsa.samePair(next.encryptionKey(), next.encryptionCertificate().getPublicKey())) {
      throw new IOException("a key in " + dir + " does not match its certificate yet");
    }
    boolean tlsChanged = tls.replaceFrom(dir);
    NodeCredentials before = credentials;
    boolean keysChanged =
        !next.signingCertificate().equals(before.signingCertificate())
            || !next.encryptionCertificate().equals(before.encryptionCertificate());
    if (keysChanged) {
      credentials = next;
    }
    if (keysChanged || tlsChanged) {
      keyListeners.forEach(l -> l.accept(credentials));
      LOG.infof(
          "keys of %s reloaded from %s: signing %s, encryption %s, TLS %s; the previous"
              + " encryption key keeps opening what was sealed to it",
          config.node(),
          dir,
          Certificates.fingerprint(next.signingCertificate()).substring(0, 16),
          Certificates.fingerprint(next.encryptionCertificate()).substring(0, 16),
          Certificates.fingerprint(tls.get().certificate()).substring(0, 16));
    }
  }

  public TrustDirectory directory() {
    return directory;
  }

  @PreDestroy
  void close() {
    if (watcher != null) {
      watcher.close();
    }
    if (keyWatcher != null) {
      keyWatcher.close();
    }
  }

  /** Runs {@code listener} whenever the directory changed on disk and was reloaded. */
  public void onTrustChange(Runnable listener) {
    watcher.onChange(listener);
  }

  /**
   * Trust for peers of this node's own agency only, in the given role: under every CA of the agency
   * the directory holds (the old and the new one while the agency rotates its CA; decision 0039).
   */
  public AgencyTrustManager ownAgencyTrust(CertificateRole role) {
    return AgencyTrustManager.ownAgency(directory, config.agency(), role, Clock.systemUTC());
  }
}

package org.liaison.wire.transport;

import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import org.liaison.wire.pki.Certificates;

/**
 * Presents whatever TLS identity its source holds at the moment of each handshake, so a rotated key
 * and certificate are used from the next handshake on without rebuilding the listener or channel.
 * The alias chosen names the pair (its certificate's fingerprint), so a handshake that straddles a
 * rotation still gets a key and certificate that belong together.
 */
final class CurrentKeyManager extends X509ExtendedKeyManager {
  private final Supplier<TlsIdentity> source;
  private final Map<String, TlsIdentity> recent =
      new LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, TlsIdentity> eldest) {
          return size() > 4;
        }
      };

  CurrentKeyManager(Supplier<TlsIdentity> source) {
    this.source = source;
  }

  private String alias(String... keyTypes) {
    TlsIdentity id = source.get();
    // BouncyCastle names its EC keys "ECDSA"; TLS asks for "EC"
    String algorithm = id.key().getAlgorithm().equals("ECDSA") ? "EC" : id.key().getAlgorithm();
    boolean fits = keyTypes == null || keyTypes.length == 0;
    for (String t : keyTypes == null ? new String[0] : keyTypes) {
      fits |= t != null && (t.equals(algorithm) || t.startsWith(algorithm + "_"));
    }
    if (!fits) {
      return null;
    }
    String alias = Certificates.fingerprint(id.certificate());
    synchronized (recent) {
      if (!recent.containsKey(alias)) {
        recent.put(alias, jdk(id));
      }
    }
    return alias;
  }

  /**
   * The pair as the JDK's own providers decode it: JSSE checks that the key's algorithm name is the
   * one it asked for ("EC"), which keys and certificates decoded by BouncyCastle ("ECDSA") fail.
   */
  private static TlsIdentity jdk(TlsIdentity id) {
    try {
      String algorithm = id.key().getAlgorithm().equals("ECDSA") ? "EC" : id.key().getAlgorithm();
      KeyFactory keys =
          "EC".equals(algorithm)
              ? KeyFactory.getInstance(algorithm, "SunEC")
              : KeyFactory.getInstance(algorithm);
      PrivateKey key = keys.generatePrivate(new PKCS8EncodedKeySpec(id.key().getEncoded()));
      CertificateFactory x509 = CertificateFactory.getInstance("X.509", "SUN");
      List<X509Certificate> chain = new ArrayList<>();
      for (X509Certificate c : id.chain()) {
        chain.add(
            (X509Certificate) x509.generateCertificate(new ByteArrayInputStream(c.getEncoded())));
      }
      return new TlsIdentity(key, chain);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot use the TLS key pair: " + e.getMessage(), e);
    }
  }

  private TlsIdentity of(String alias) {
    synchronized (recent) {
      return alias == null ? null : recent.get(alias);
    }
  }

  /**
   * As a client: the pair only when its chain comes from a CA the server asks for, so that a client
   * the listener would refuse sends no certificate (as a key manager over a key store does).
   */
  private String clientAlias(Principal[] issuers, String... keyTypes) {
    if (issuers != null && issuers.length > 0) {
      List<Principal> asked = List.of(issuers);
      boolean known = false;
      for (X509Certificate c : source.get().chain()) {
        known |= asked.contains(c.getIssuerX500Principal());
      }
      if (!known) {
        return null;
      }
    }
    return alias(keyTypes);
  }

  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    String a = clientAlias(issuers, keyType);
    return a == null ? null : new String[] {a};
  }

  @Override
  public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
    return clientAlias(issuers, keyTypes);
  }

  @Override
  public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
    return clientAlias(issuers, keyTypes);
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    String a = alias(keyType);
    return a == null ? null : new String[] {a};
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    return alias(keyType);
  }

  @Override
  public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
    return alias(keyType);
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    TlsIdentity id = of(alias);
    return id == null ? null : id.chain().toArray(X509Certificate[]::new);
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    TlsIdentity id = of(alias);
    return id == null ? null : id.key();
  }
}

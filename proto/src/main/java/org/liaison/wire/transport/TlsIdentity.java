package org.liaison.wire.transport;

import java.io.IOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.Supplier;
import org.liaison.pem.Pem;

/**
 * The key and certificate a process presents in mutual TLS, read from a folder of the PKI layout
 * ({@code tls.crt.pem}, {@code tls.key.pem}).
 */
public record TlsIdentity(PrivateKey key, List<X509Certificate> chain)
    implements Supplier<TlsIdentity> {

  public TlsIdentity {
    chain = List.copyOf(chain);
  }

  public static TlsIdentity fromFolder(Path folder) throws IOException {
    return fromFiles(folder.resolve("tls.crt.pem"), folder.resolve("tls.key.pem"));
  }

  public static TlsIdentity fromFiles(Path certificate, Path key) throws IOException {
    return new TlsIdentity(Pem.readPrivateKey(key), List.of(Pem.readCertificate(certificate)));
  }

  /** Itself: a fixed identity, where a {@link LiveTlsIdentity} may also be given. */
  @Override
  public TlsIdentity get() {
    return this;
  }

  public X509Certificate certificate() {
    return chain.get(0);
  }
}

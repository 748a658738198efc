package org.liaison.wire.transport;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/** Reads the PEM files the PKI tool writes: certificates and unencrypted PKCS#8 keys. */
final class Pem {
  private Pem() {}

  static List<X509Certificate> certificates(Path file) throws IOException {
    try (var in = Files.newInputStream(file)) {
      Collection<? extends java.security.cert.Certificate> all =
          CertificateFactory.getInstance("X.509").generateCertificates(in);
      List<X509Certificate> out = new ArrayList<>();
      for (var c : all) {
        out.add((X509Certificate) c);
      }
      if (out.isEmpty()) {
        throw new IOException("no certificate in " + file);
      }
      return out;
    } catch (CertificateException e) {
      throw new IOException("cannot read certificate " + file + ": " + e.getMessage(), e);
    }
  }

  static PrivateKey privateKey(Path file) throws IOException {
    try (Reader r = Files.newBufferedReader(file);
        PEMParser parser = new PEMParser(r)) {
      Object o = parser.readObject();
      var converter = new JcaPEMKeyConverter();
      if (o instanceof PrivateKeyInfo info) {
        return converter.getPrivateKey(info);
      }
      if (o instanceof PEMKeyPair pair) {
        return converter.getKeyPair(pair).getPrivate();
      }
      throw new IOException("no private key in " + file);
    }
  }
}

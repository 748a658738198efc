package org.liaison.agreements;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/** PEM reading and writing for certificates and unencrypted PKCS#8 keys (JCA + BouncyCastle). */
final class Pem {
  private Pem() {}

  static X509Certificate certificate(Path file) throws IOException {
    Object o = read(file);
    if (o instanceof X509CertificateHolder h) {
      try {
        return new JcaX509CertificateConverter().getCertificate(h);
      } catch (CertificateException e) {
        throw new IOException(file + " holds an unreadable certificate: " + e.getMessage(), e);
      }
    }
    throw new IOException(file + " does not hold a PEM certificate");
  }

  static PrivateKey privateKey(Path file) throws IOException {
    Object o = read(file);
    JcaPEMKeyConverter c = new JcaPEMKeyConverter();
    if (o instanceof PrivateKeyInfo info) {
      return c.getPrivateKey(info);
    }
    if (o instanceof PEMKeyPair pair) {
      return c.getKeyPair(pair).getPrivate();
    }
    throw new IOException(file + " does not hold an unencrypted PEM private key");
  }

  static String encode(Object o) throws IOException {
    StringWriter w = new StringWriter();
    try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
      pw.writeObject(o);
    }
    return w.toString();
  }

  private static Object read(Path file) throws IOException {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        PEMParser p = new PEMParser(r)) {
      return p.readObject();
    }
  }
}

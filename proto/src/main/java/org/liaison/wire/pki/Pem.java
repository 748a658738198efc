package org.liaison.wire.pki;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/** Reads and writes the PEM files of the PKI layout (certificates, PKCS#8 keys, CRLs). */
public final class Pem {

  private static final BouncyCastleProvider BC = new BouncyCastleProvider();

  private Pem() {}

  public static X509Certificate readCertificate(Path file) throws IOException {
    Object o = readObject(file);
    if (!(o instanceof X509CertificateHolder h)) {
      throw new IOException(file + " does not hold a PEM certificate");
    }
    try {
      return new JcaX509CertificateConverter().setProvider(BC).getCertificate(h);
    } catch (CertificateException e) {
      throw new IOException(file + ": unreadable certificate: " + e.getMessage(), e);
    }
  }

  /** Reads an unencrypted private key (PKCS#8, or a traditional EC key pair). */
  public static PrivateKey readPrivateKey(Path file) throws IOException {
    Object o = readObject(file);
    JcaPEMKeyConverter converter = new JcaPEMKeyConverter().setProvider(BC);
    if (o instanceof PrivateKeyInfo info) {
      return converter.getPrivateKey(info);
    }
    if (o instanceof PEMKeyPair pair) {
      return converter.getKeyPair(pair).getPrivate();
    }
    throw new IOException(file + " does not hold an unencrypted PEM private key");
  }

  public static X509CRL readCrl(Path file) throws IOException {
    Object o = readObject(file);
    if (!(o instanceof X509CRLHolder h)) {
      throw new IOException(file + " does not hold a PEM CRL");
    }
    try {
      return new JcaX509CRLConverter().setProvider(BC).getCRL(h);
    } catch (CRLException e) {
      throw new IOException(file + ": unreadable CRL: " + e.getMessage(), e);
    }
  }

  /** PEM text of a certificate, CRL or key (keys as PKCS#8 {@code PRIVATE KEY}). */
  public static String toPem(Object object) throws IOException {
    Object out = object;
    if (object instanceof PrivateKey key) {
      out = PrivateKeyInfo.getInstance(key.getEncoded());
    }
    StringWriter s = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(s)) {
      w.writeObject(out);
    }
    return s.toString();
  }

  public static void write(Path file, Object object) throws IOException {
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    Files.writeString(file, toPem(object), StandardCharsets.US_ASCII);
  }

  private static Object readObject(Path file) throws IOException {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        PEMParser p = new PEMParser(r)) {
      Object o = p.readObject();
      if (o == null) {
        throw new IOException(file + " holds no PEM object");
      }
      return o;
    }
  }
}

package org.liaison.pem;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * Reads and writes the PEM files of the PKI layout (certificates, PKCS#8 keys, CRLs): the one PEM
 * helper of the wire library, the agreements library and the development PKI (decision 0025).
 */
public final class Pem {

  private static final BouncyCastleProvider BC = new BouncyCastleProvider();

  private Pem() {}

  /** Certificates and CRLs are the JDK's own objects, as every TLS and PKIX API expects. */
  public static X509Certificate readCertificate(Path file) throws IOException {
    return read(
        file,
        X509CertificateHolder.class,
        "certificate",
        new JcaX509CertificateConverter()::getCertificate);
  }

  /**
   * Reads an unencrypted private key: PKCS#8 EC keys as the JDK's own (its signer refuses
   * BouncyCastle's), other PKCS#8 keys and traditional EC key pairs through BouncyCastle.
   */
  public static PrivateKey readPrivateKey(Path file) throws IOException {
    Object o = readObject(file);
    JcaPEMKeyConverter converter = new JcaPEMKeyConverter().setProvider(BC);
    if (o instanceof PrivateKeyInfo info) {
      if (X9ObjectIdentifiers.id_ecPublicKey.equals(info.getPrivateKeyAlgorithm().getAlgorithm())) {
        try {
          return KeyFactory.getInstance("EC")
              .generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
        } catch (GeneralSecurityException e) {
          throw new IOException(file + ": unreadable EC private key: " + e.getMessage(), e);
        }
      }
      return converter.getPrivateKey(info);
    }
    if (o instanceof PEMKeyPair pair) {
      return converter.getKeyPair(pair).getPrivate();
    }
    throw new IOException(file + " does not hold an unencrypted PEM private key");
  }

  public static X509CRL readCrl(Path file) throws IOException {
    return read(file, X509CRLHolder.class, "CRL", new JcaX509CRLConverter()::getCRL);
  }

  /** The JDK's object of what a PEM file holds, as BouncyCastle parsed it. */
  private interface Conversion<H, T> {
    T convert(H parsed) throws GeneralSecurityException;
  }

  private static <H, T> T read(Path file, Class<H> parsed, String what, Conversion<H, T> toJdk)
      throws IOException {
    Object o = readObject(file);
    if (!parsed.isInstance(o)) {
      throw new IOException(file + " does not hold a PEM " + what);
    }
    try {
      return toJdk.convert(parsed.cast(o));
    } catch (GeneralSecurityException e) {
      throw new IOException(file + ": unreadable " + what + ": " + e.getMessage(), e);
    }
  }

  /**
   * PEM text of a certificate, CRL or key. Keys are written as PKCS#8 {@code PRIVATE KEY}, as the
   * layout says: BouncyCastle's writer would turn an EC key into a traditional {@code EC PRIVATE
   * KEY} without its public key, which its own reader then cannot convert.
   */
  public static String toPem(Object object) throws IOException {
    Object out = object;
    if (object instanceof PrivateKey key) {
      out = new PemObject("PRIVATE KEY", key.getEncoded());
    }
    StringWriter s = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(s)) {
      w.writeObject(out);
    }
    return s.toString();
  }

  /** The US-ASCII bytes of {@link #toPem}, for callers that write files themselves. */
  public static byte[] encode(Object object) {
    try {
      return toPem(object).getBytes(StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
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

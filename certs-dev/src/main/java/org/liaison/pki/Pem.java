package org.liaison.pki;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;

/** PEM text for certificates, CRLs and unencrypted PKCS#8 private keys. */
final class Pem {

  private Pem() {}

  static byte[] certificate(X509Certificate cert) {
    try {
      return encode("CERTIFICATE", cert.getEncoded());
    } catch (GeneralSecurityException e) {
      throw new PkiException(PkiException.Kind.CRYPTO_FAILURE, "cannot encode a certificate", e);
    }
  }

  static byte[] crl(X509CRL crl) {
    try {
      return encode("X509 CRL", crl.getEncoded());
    } catch (GeneralSecurityException e) {
      throw new PkiException(PkiException.Kind.CRYPTO_FAILURE, "cannot encode a CRL", e);
    }
  }

  /** {@code -----BEGIN PRIVATE KEY-----}: unencrypted PKCS#8. */
  static byte[] privateKey(PrivateKey key) {
    return encode("PRIVATE KEY", key.getEncoded());
  }

  static X509Certificate readCertificate(Path file) {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(file)));
    } catch (IOException e) {
      throw new PkiException(
          PkiException.Kind.IO_FAILURE, "cannot read " + file + ": " + e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      throw new PkiException(PkiException.Kind.NOT_A_PKI, file + " is not a PEM certificate", e);
    }
  }

  static X509CRL readCrl(Path file) {
    try {
      return (X509CRL)
          CertificateFactory.getInstance("X.509")
              .generateCRL(new ByteArrayInputStream(Files.readAllBytes(file)));
    } catch (IOException e) {
      throw new PkiException(
          PkiException.Kind.IO_FAILURE, "cannot read " + file + ": " + e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      throw new PkiException(PkiException.Kind.NOT_A_PKI, file + " is not a PEM CRL", e);
    }
  }

  static PrivateKey readPrivateKey(Path file) {
    try (PemReader reader =
        new PemReader(new StringReader(Files.readString(file, StandardCharsets.US_ASCII)))) {
      PemObject pem = reader.readPemObject();
      if (pem == null || !"PRIVATE KEY".equals(pem.getType())) {
        throw new PkiException(
            PkiException.Kind.NOT_A_PKI, file + " is not a PKCS#8 PEM private key");
      }
      return KeyFactory.getInstance("EC")
          .generatePrivate(new PKCS8EncodedKeySpec(pem.getContent()));
    } catch (IOException e) {
      throw new PkiException(
          PkiException.Kind.IO_FAILURE, "cannot read " + file + ": " + e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      throw new PkiException(PkiException.Kind.NOT_A_PKI, file + " is not an EC private key", e);
    }
  }

  private static byte[] encode(String type, byte[] der) {
    StringWriter text = new StringWriter();
    try (PemWriter writer = new PemWriter(text)) {
      writer.writeObject(new PemObject(type, der));
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return text.toString().getBytes(StandardCharsets.US_ASCII);
  }
}

package org.liaison.wire.pki;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;

/**
 * Certificates that parse but whose public key does not (the point is not on the curve), or whose
 * signature does not (its BIT STRING claims unused bits).
 */
public final class MalformedKeys {
  private MalformedKeys() {}

  /** The DER of {@code cert} with the last byte of its public point changed. */
  public static byte[] certificate(X509Certificate cert) {
    try {
      byte[] der = cert.getEncoded();
      byte[] spki = cert.getPublicKey().getEncoded();
      int at = indexOf(der, spki);
      if (at < 0) {
        throw new IllegalStateException("the public key is not in the certificate's encoding");
      }
      der[at + spki.length - 1] ^= 0x01;
      return der;
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The DER of {@code cert} with the unused-bits byte of its signature BIT STRING (the last element
   * of the certificate) set to 1: BouncyCastle parses it, and throws IllegalStateException when the
   * signature is read.
   */
  public static byte[] signature(X509Certificate cert) {
    try {
      byte[] der = cert.getEncoded();
      for (int i = der.length - 3; i > 0; i--) {
        if (der[i] == 0x03 && (der[i + 1] & 0xff) == der.length - i - 2 && der[i + 2] == 0) {
          der[i + 2] = 1;
          return der;
        }
      }
      throw new IllegalStateException("no signature BIT STRING at the end of the certificate");
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}

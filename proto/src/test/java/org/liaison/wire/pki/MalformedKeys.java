package org.liaison.wire.pki;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;

/** Certificates that parse but whose public key does not: the point is not on the curve. */
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

package org.liaison.wire.crypto;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/** HKDF with SHA-256 (RFC 5869). */
public final class Hkdf {

  /** RFC 5869: L is at most 255 * HashLen. */
  public static final int MAX_LENGTH = 255 * Sha256.LENGTH;

  private Hkdf() {}

  /** HKDF-Extract(salt, ikm). An empty or null salt means HashLen zero bytes. */
  public static byte[] extract(byte[] salt, byte[] ikm) {
    HMac mac = new HMac(new SHA256Digest());
    mac.init(new KeyParameter(salt == null || salt.length == 0 ? new byte[32] : salt));
    mac.update(ikm, 0, ikm.length);
    byte[] prk = new byte[Sha256.LENGTH];
    mac.doFinal(prk, 0);
    return prk;
  }

  /** HKDF-Expand(prk, info, length); refuses lengths over {@link #MAX_LENGTH}. */
  public static byte[] expand(byte[] prk, byte[] info, int length) {
    checkLength(length);
    HKDFBytesGenerator g = new HKDFBytesGenerator(new SHA256Digest());
    g.init(HKDFParameters.skipExtractParameters(prk, info));
    byte[] out = new byte[length];
    g.generateBytes(out, 0, length);
    return out;
  }

  /** Extract then expand. */
  public static byte[] derive(byte[] ikm, byte[] salt, byte[] info, int length) {
    return expand(extract(salt, ikm), info, length);
  }

  private static void checkLength(int length) {
    if (length < 0 || length > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "HKDF-SHA256 output length must be 0.." + MAX_LENGTH + ", was " + length);
    }
  }
}

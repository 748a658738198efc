package org.liaison.wire.crypto;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.util.encoders.Hex;

/** SHA-256 helpers. */
public final class Sha256 {

  public static final int LENGTH = 32;

  private Sha256() {}

  /** SHA-256 of the concatenation of the parts. */
  public static byte[] digest(byte[]... parts) {
    SHA256Digest d = new SHA256Digest();
    for (byte[] p : parts) {
      d.update(p, 0, p.length);
    }
    byte[] out = new byte[LENGTH];
    d.doFinal(out, 0);
    return out;
  }

  /** Lower-case hex SHA-256, the form used for key ids and CA fingerprints. */
  public static String hex(byte[] data) {
    return Hex.toHexString(digest(data));
  }
}

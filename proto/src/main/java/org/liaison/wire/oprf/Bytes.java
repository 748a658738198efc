package org.liaison.wire.oprf;

import java.io.ByteArrayOutputStream;

/** Byte-string helpers for RFC 9497 transcripts. */
final class Bytes {
  private Bytes() {}

  static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int off = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, off, p.length);
      off += p.length;
    }
    return out;
  }

  static byte[] i2osp(long value, int length) {
    if (length < 8 && (value < 0 || value >= 1L << (8 * length))) {
      throw OprfException.invalid("value " + value + " does not fit in " + length + " bytes");
    }
    byte[] out = new byte[length];
    for (int i = length - 1; i >= 0; i--) {
      out[i] = (byte) value;
      value >>>= 8;
    }
    return out;
  }

  /** Appends {@code I2OSP(len(x), 2) || x}. */
  static void lengthPrefixed(ByteArrayOutputStream out, byte[] x) {
    out.writeBytes(i2osp(x.length, 2));
    out.writeBytes(x);
  }
}

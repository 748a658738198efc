package org.liaison.wire.oprf;

import java.nio.charset.StandardCharsets;

/** RFC 9497 protocol variants supported here, with suite P256-SHA256. */
public enum OprfMode {
  /** Mode 0: the client cannot check which key the server used. */
  OPRF(0),
  /** Mode 1: the server proves (DLEQ) that it used the key behind its published public key. */
  VOPRF(1);

  /** The RFC 9497 suite identifier. */
  public static final String SUITE = "P256-SHA256";

  private final int id;

  OprfMode(int id) {
    this.id = id;
  }

  /** The RFC 9497 mode byte. */
  public int id() {
    return id;
  }

  /** {@code "OPRFV1-" || I2OSP(mode, 1) || "-" || "P256-SHA256"}. */
  byte[] contextString() {
    byte[] prefix = "OPRFV1-".getBytes(StandardCharsets.US_ASCII);
    byte[] suffix = ("-" + SUITE).getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[prefix.length + 1 + suffix.length];
    System.arraycopy(prefix, 0, out, 0, prefix.length);
    out[prefix.length] = (byte) id;
    System.arraycopy(suffix, 0, out, prefix.length + 1, suffix.length);
    return out;
  }

  byte[] dst(String label) {
    return Bytes.concat(label.getBytes(StandardCharsets.US_ASCII), contextString());
  }
}

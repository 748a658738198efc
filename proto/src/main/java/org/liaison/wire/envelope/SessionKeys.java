package org.liaison.wire.envelope;

import java.nio.charset.StandardCharsets;
import javax.crypto.AEADBadTagException;
import org.liaison.wire.crypto.AesGcm;

/**
 * The AEAD key and base nonce of an amortised session, exported from its HPKE context (RFC 9180
 * section 5.3, as OHTTP does for responses). Message {@code seq} uses nonce = base XOR seq, so
 * messages can be opened in any order; the sender never reuses a sequence number.
 */
final class SessionKeys {

  private static final byte[] KEY_LABEL =
      "LIAISON-1 session aead key".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NONCE_LABEL =
      "LIAISON-1 session aead nonce".getBytes(StandardCharsets.US_ASCII);

  private final byte[] key;
  private final byte[] baseNonce;

  private SessionKeys(byte[] key, byte[] baseNonce) {
    this.key = key;
    this.baseNonce = baseNonce;
  }

  interface Exporter {
    byte[] export(byte[] context, int length);
  }

  static SessionKeys from(Exporter exporter) {
    return new SessionKeys(
        exporter.export(KEY_LABEL, AesGcm.KEY_LENGTH),
        exporter.export(NONCE_LABEL, AesGcm.NONCE_LENGTH));
  }

  byte[] seal(long seq, byte[] aad, byte[] plaintext) {
    return AesGcm.seal(key, nonce(seq), aad, plaintext);
  }

  byte[] open(long seq, byte[] aad, byte[] ciphertext) throws AEADBadTagException {
    return AesGcm.open(key, nonce(seq), aad, ciphertext);
  }

  private byte[] nonce(long seq) {
    byte[] n = baseNonce.clone();
    for (int i = 0; i < 8; i++) {
      n[n.length - 1 - i] ^= (byte) (seq >>> (8 * i));
    }
    return n;
  }
}

package org.liaison.wire.envelope;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.liaison.wire.crypto.Suites;

/**
 * The bytes a signature covers, built from the bytes exactly as sent: a domain-separation prefix,
 * then the header bytes, the HPKE enc and the ciphertext, each with a 4-byte length. The header
 * holds the session reference, so it is covered too. Nothing is ever re-serialised.
 */
final class SignedContent {

  static final byte[] ENVELOPE_PREFIX =
      ("LIAISON-1 envelope signature\0").getBytes(StandardCharsets.US_ASCII);
  static final byte[] BATCH_PREFIX =
      ("LIAISON-1 batch root signature\0").getBytes(StandardCharsets.US_ASCII);

  /** HPKE info for single-shot payloads: binds protocol and suite. */
  static final byte[] INFO_SINGLE =
      ("LIAISON-1 payload\0" + Suites.V1).getBytes(StandardCharsets.US_ASCII);

  /** HPKE info for session contexts: a session can never open a single-shot payload. */
  static final byte[] INFO_SESSION =
      ("LIAISON-1 session\0" + Suites.V1).getBytes(StandardCharsets.US_ASCII);

  private SignedContent() {}

  static byte[] of(byte[] header, byte[] enc, byte[] ciphertext) {
    ByteArrayOutputStream out =
        new ByteArrayOutputStream(
            ENVELOPE_PREFIX.length + 12 + header.length + enc.length + ciphertext.length);
    out.writeBytes(ENVELOPE_PREFIX);
    field(out, header);
    field(out, enc);
    field(out, ciphertext);
    return out.toByteArray();
  }

  /** What a batch signature signs: prefix, tree size, Merkle root. */
  static byte[] batchRoot(long treeSize, byte[] root) {
    return ByteBuffer.allocate(BATCH_PREFIX.length + 8 + root.length)
        .put(BATCH_PREFIX)
        .putLong(treeSize)
        .put(root)
        .array();
  }

  private static void field(ByteArrayOutputStream out, byte[] b) {
    out.writeBytes(ByteBuffer.allocate(4).putInt(b.length).array());
    out.writeBytes(b);
  }
}

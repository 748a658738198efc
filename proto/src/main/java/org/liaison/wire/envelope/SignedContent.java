package org.liaison.wire.envelope;

import com.google.protobuf.ByteOutput;
import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.liaison.wire.crypto.Sha256;
import org.liaison.wire.crypto.Suites;
import org.liaison.wire.merkle.MerkleTree;
import org.liaison.wire.v1.Envelope;

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

  /**
   * SHA-256 of the signed content of an envelope as received, {@code Sha256.digest(of(header, enc,
   * ciphertext))}, hashed where the message's fields lie: nothing is copied or concatenated.
   */
  static byte[] digest(Envelope e) {
    return hash(new SHA256Digest(), e);
  }

  /**
   * The Merkle leaf hash of the signed content of an envelope as received, {@code
   * MerkleTree.leafHash(of(header, enc, ciphertext))}, hashed where the message's fields lie.
   */
  static byte[] leafHash(Envelope e) {
    SHA256Digest d = new SHA256Digest();
    d.update(MerkleTree.LEAF_PREFIX);
    return hash(d, e);
  }

  private static byte[] hash(SHA256Digest d, Envelope e) {
    d.update(ENVELOPE_PREFIX, 0, ENVELOPE_PREFIX.length);
    DigestInput in = new DigestInput(d);
    in.field(e.getHeader());
    in.field(e.getEnc());
    in.field(e.getCiphertext());
    byte[] out = new byte[Sha256.LENGTH];
    d.doFinal(out, 0);
    return out;
  }

  /**
   * Feeds a message's byte fields to a digest from the arrays they hold: the digest only reads
   * them, which is what {@link UnsafeByteOperations#unsafeWriteTo} asks of its output.
   */
  private static final class DigestInput extends ByteOutput {
    private final SHA256Digest d;

    DigestInput(SHA256Digest d) {
      this.d = d;
    }

    void field(ByteString b) {
      int n = b.size();
      d.update((byte) (n >>> 24));
      d.update((byte) (n >>> 16));
      d.update((byte) (n >>> 8));
      d.update((byte) n);
      try {
        UnsafeByteOperations.unsafeWriteTo(b, this);
      } catch (IOException e) {
        throw new UncheckedIOException(e); // a digest does not fail
      }
    }

    @Override
    public void write(byte value) {
      d.update(value);
    }

    @Override
    public void write(byte[] value, int offset, int length) {
      d.update(value, offset, length);
    }

    @Override
    public void writeLazy(byte[] value, int offset, int length) {
      d.update(value, offset, length);
    }

    @Override
    public void write(ByteBuffer value) {
      if (value.hasArray()) {
        d.update(value.array(), value.arrayOffset() + value.position(), value.remaining());
        value.position(value.limit());
      } else { // a direct or read-only buffer: read it out in pieces
        byte[] piece = new byte[Math.min(value.remaining(), 4096)];
        while (value.hasRemaining()) {
          int n = Math.min(piece.length, value.remaining());
          value.get(piece, 0, n);
          d.update(piece, 0, n);
        }
      }
    }

    @Override
    public void writeLazy(ByteBuffer value) {
      write(value);
    }
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

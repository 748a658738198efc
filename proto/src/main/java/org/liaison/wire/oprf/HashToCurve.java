package org.liaison.wire.oprf;

import java.math.BigInteger;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.hash2curve.HashToCurveProfile;
import org.bouncycastle.crypto.hash2curve.HashToEllipticCurve;
import org.bouncycastle.crypto.hash2curve.OPRFHashToScalar;
import org.bouncycastle.crypto.hash2curve.impl.XmdMessageExpansion;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.Strings;

/**
 * RFC 9380 primitives for P-256 with SHA-256, as RFC 9497 uses them: expand_message_xmd,
 * hash_to_curve with suite P256_XMD:SHA-256_SSWU_RO_ and hash-to-scalar (hash_to_field with L = 48
 * reduced modulo the group order). Thin adapters over BouncyCastle's {@code
 * org.bouncycastle.crypto.hash2curve}, which the RFC vectors confirm.
 */
final class HashToCurve {
  /** Security level k of the P-256 suites, in bits. */
  private static final int K = 128;

  private HashToCurve() {}

  static byte[] expandMessageXmd(byte[] msg, byte[] dst, int lenInBytes) {
    if (lenInBytes < 0 || lenInBytes > 255 * 32) {
      throw OprfException.invalid(
          "expand_message_xmd: len_in_bytes " + lenInBytes + " is outside 0..8160");
    }
    return new XmdMessageExpansion(new SHA256Digest(), K)
        .expandMessage(msg, shortDst(dst), lenInBytes);
  }

  /**
   * RFC 9380 section 5.3.3: a DST longer than 255 bytes is replaced by {@code H("H2C-OVERSIZE-DST-"
   * || DST)}. BouncyCastle 1.87 rejects long DSTs instead.
   */
  static byte[] shortDst(byte[] dst) {
    if (dst.length <= 255) {
      return dst;
    }
    return Dleq.sha256(
        Bytes.concat(
            "H2C-OVERSIZE-DST-".getBytes(java.nio.charset.StandardCharsets.US_ASCII), dst));
  }

  /** hash_to_curve (random-oracle variant); the point is on {@link P256#CURVE}, normalised. */
  static ECPoint hashToCurve(byte[] msg, byte[] dst) {
    // BC's instance is cheap to build and not documented as thread-safe: one per call.
    String dstText = Strings.fromUTF8ByteArray(dst);
    if (dst.length > 255 || !java.util.Arrays.equals(Strings.toUTF8ByteArray(dstText), dst)) {
      // BC takes the DST as a String; every DST this project uses is short ASCII.
      throw OprfException.invalid(
          "hash_to_curve needs a UTF-8 domain-separation tag of at most 255 bytes");
    }
    ECPoint p =
        HashToEllipticCurve.getInstance(HashToCurveProfile.P256_XMD_SHA_256, dstText)
            .hashToCurve(msg);
    return OprfGroup.CURVE.importPoint(p).normalize();
  }

  /**
   * RFC 9497 HashToScalar for P256-SHA256: hash_to_field(msg, count = 1) modulo the group order.
   */
  static BigInteger hashToScalar(byte[] msg, byte[] dst) {
    return new OPRFHashToScalar(OprfGroup.CURVE, new SHA256Digest(), K).process(msg, shortDst(dst));
  }
}

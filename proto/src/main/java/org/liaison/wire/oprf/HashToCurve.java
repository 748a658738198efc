package org.liaison.wire.oprf;

import static java.math.BigInteger.TEN;

import java.math.BigInteger;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.hash2curve.OPRFHashToScalar;
import org.bouncycastle.crypto.hash2curve.impl.XmdMessageExpansion;
import org.bouncycastle.math.ec.ECFieldElement;
import org.bouncycastle.math.ec.ECPoint;

/**
 * RFC 9380 primitives for P-256 with SHA-256, as RFC 9497 uses them: expand_message_xmd,
 * hash_to_curve with suite P256_XMD:SHA-256_SSWU_RO_ and hash-to-scalar (hash_to_field with L = 48
 * reduced modulo the group order). expand_message_xmd and hash-to-scalar are BouncyCastle's {@code
 * org.bouncycastle.crypto.hash2curve}; the map to the curve is written here on BouncyCastle's P-256
 * field. The RFC vectors confirm all three.
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

  /** L of hash_to_field for P-256: ceil((ceil(log2(p)) + k) / 8) bytes an element. */
  private static final int L = 48;

  private static final BigInteger P = OprfGroup.CURVE.getField().getCharacteristic();
  private static final ECFieldElement A = OprfGroup.CURVE.getA();
  private static final ECFieldElement B = OprfGroup.CURVE.getB();

  /** Z of the P-256 suites (RFC 9380 section 8.2): -10. */
  private static final ECFieldElement Z = OprfGroup.CURVE.fromBigInteger(P.subtract(TEN));

  private static final ECFieldElement MINUS_B_OVER_A = B.negate().divide(A);
  private static final ECFieldElement B_OVER_Z_A = B.divide(Z.multiply(A));

  /**
   * hash_to_curve (random-oracle variant, suite P256_XMD:SHA-256_SSWU_RO_), in the field arithmetic
   * of {@link OprfGroup#CURVE} (BouncyCastle's P-256 field, whose square roots and inverses are
   * addition chains): hash_to_field with count 2, the simplified SWU map of each (RFC 9380 section
   * 6.6.2), their sum (P-256's cofactor is 1); normalised. BouncyCastle's own hash2curve computes
   * the same points in generic big-integer arithmetic, about twice the cost (decision 0077); the
   * RFC vectors check this one.
   */
  static ECPoint hashToCurve(byte[] msg, byte[] dst) {
    byte[] uniform = expandMessageXmd(msg, dst, 2 * L);
    return mapToCurve(fieldElement(uniform, 0))
        .add(mapToCurve(fieldElement(uniform, L)))
        .normalize();
  }

  private static ECFieldElement fieldElement(byte[] uniform, int from) {
    return OprfGroup.CURVE.fromBigInteger(
        new BigInteger(1, java.util.Arrays.copyOfRange(uniform, from, from + L)).mod(P));
  }

  /** RFC 9380 section 6.6.2, map_to_curve_simple_swu, as its steps read. */
  private static ECPoint mapToCurve(ECFieldElement u) {
    ECFieldElement zu2 = Z.multiply(u.square());
    ECFieldElement tv1 = zu2.square().add(zu2);
    ECFieldElement x = tv1.isZero() ? B_OVER_Z_A : MINUS_B_OVER_A.multiply(tv1.invert().addOne());
    ECFieldElement y = curveRight(x).sqrt();
    if (y == null) { // gx1 is not a square, so gx2 is
      x = zu2.multiply(x);
      y = curveRight(x).sqrt();
    }
    if (u.testBitZero() != y.testBitZero()) {
      y = y.negate();
    }
    return OprfGroup.CURVE.createPoint(x.toBigInteger(), y.toBigInteger());
  }

  /** x^3 + A x + B. */
  private static ECFieldElement curveRight(ECFieldElement x) {
    return x.square().add(A).multiply(x).add(B);
  }

  /**
   * RFC 9497 HashToScalar for P256-SHA256: hash_to_field(msg, count = 1) modulo the group order.
   */
  static BigInteger hashToScalar(byte[] msg, byte[] dst) {
    return new OPRFHashToScalar(OprfGroup.CURVE, new SHA256Digest(), K).process(msg, shortDst(dst));
  }
}

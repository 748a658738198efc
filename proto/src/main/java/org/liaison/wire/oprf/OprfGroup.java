package org.liaison.wire.oprf;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.List;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.util.BigIntegers;
import org.liaison.wire.crypto.P256;

/**
 * The OPRF's prime-order group: the curve of {@link P256} with the RFC 9497 element and scalar
 * encodings.
 */
final class OprfGroup {
  static final ECCurve CURVE = P256.X9.getCurve();
  static final ECPoint G = P256.X9.getG();
  static final BigInteger ORDER = P256.X9.getN();
  private static final FixedPointCombMultiplier COMB = new FixedPointCombMultiplier();

  /** Ne: a compressed SEC1 point. */
  static final int ELEMENT_LENGTH = 33;

  /** Ns: a big-endian scalar. */
  static final int SCALAR_LENGTH = 32;

  private OprfGroup() {}

  static byte[] serializeElement(ECPoint p) {
    if (p.isInfinity()) {
      throw OprfException.invalid(
          "the identity element cannot be serialised; the input maps to an invalid point");
    }
    return p.getEncoded(true);
  }

  /** Decodes a compressed SEC1 point and rejects the identity and anything not on the curve. */
  static ECPoint deserializeElement(byte[] encoded) {
    if (encoded == null
        || encoded.length != ELEMENT_LENGTH
        || (encoded[0] != 0x02 && encoded[0] != 0x03)) {
      throw OprfException.invalid(
          "a P-256 element must be a 33-byte compressed SEC1 point (prefix 02 or 03)");
    }
    ECPoint p;
    try {
      p = CURVE.decodePoint(encoded);
    } catch (IllegalArgumentException e) {
      throw OprfException.invalid("the element is not a point on P-256: " + e.getMessage());
    }
    if (p.isInfinity() || !p.isValid()) {
      throw OprfException.invalid("the element is the identity or not a valid P-256 point");
    }
    return p.normalize();
  }

  static byte[] serializeScalar(BigInteger s) {
    return BigIntegers.asUnsignedByteArray(SCALAR_LENGTH, s);
  }

  /** Decodes a big-endian scalar and rejects values not below the group order. */
  static BigInteger deserializeScalar(byte[] encoded) {
    if (encoded == null || encoded.length != SCALAR_LENGTH) {
      throw OprfException.invalid("a P-256 scalar must be 32 bytes");
    }
    BigInteger s = new BigInteger(1, encoded);
    if (s.compareTo(ORDER) >= 0) {
      throw OprfException.invalid("the scalar is not reduced modulo the P-256 group order");
    }
    return s;
  }

  /** A uniformly random non-zero scalar. */
  static BigInteger randomScalar(SecureRandom random) {
    return BigIntegers.createRandomInRange(BigInteger.ONE, ORDER.subtract(BigInteger.ONE), random);
  }

  static ECPoint multiply(ECPoint p, BigInteger k) {
    return p.multiply(k).normalize();
  }

  /**
   * {@code k * G} by BouncyCastle's fixed-point comb, whose table of multiples of G is computed
   * once and kept on G: about three times faster than the window method {@link #multiply} uses for
   * an arbitrary point.
   */
  static ECPoint multiplyG(BigInteger k) {
    return COMB.multiply(G, k).normalize();
  }

  /**
   * {@code k * p} by a fixed-point comb over a table of multiples of {@code p}, computed at the
   * first such product and kept on the point object: the first costs about one {@link #multiply}
   * more, each later one about a third of one. For a point multiplied several times.
   */
  static ECPoint multiplyByTable(ECPoint p, BigInteger k) {
    return COMB.multiply(p, k).normalize();
  }

  /** {@code a * p + b * q} in one pass (Shamir's trick): cheaper than the two products added. */
  static ECPoint sumOfTwo(ECPoint p, BigInteger a, ECPoint q, BigInteger b) {
    return ECAlgorithms.sumOfTwoMultiplies(p, a, q, b).normalize();
  }

  /** {@code sum(k[i] * p[i])} by one interleaved multi-scalar multiplication. */
  static ECPoint sum(List<ECPoint> p, List<BigInteger> k) {
    return ECAlgorithms.sumOfMultiplies(p.toArray(new ECPoint[0]), k.toArray(new BigInteger[0]))
        .normalize();
  }
}

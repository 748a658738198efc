package org.liaison.wire.oprf;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.math.ec.ECPoint;

/**
 * A server key pair for RFC 9497 P256-SHA256. The private scalar never leaves this package; the
 * public key is the 33-byte compressed point {@code skS * G} that a VOPRF server commits to.
 */
public final class OprfKeyPair {
  private final BigInteger secret;
  private final ECPoint publicPoint;
  private final byte[] publicKey;

  private OprfKeyPair(BigInteger secret) {
    this.secret = secret;
    this.publicPoint = OprfGroup.multiplyG(secret);
    this.publicKey = OprfGroup.serializeElement(publicPoint);
  }

  /**
   * RFC 9497 DeriveKeyPair(seed, info) for the given mode (the mode is part of the domain
   * separation, so the same seed gives different keys in OPRF and VOPRF modes).
   *
   * @param seed at least 32 bytes of secret randomness
   * @param info public key-separation info, at most 65535 bytes
   */
  public static OprfKeyPair derive(OprfMode mode, byte[] seed, byte[] info) {
    Objects.requireNonNull(mode, "mode");
    if (seed == null || seed.length < OprfGroup.SCALAR_LENGTH) {
      throw OprfException.invalid(
          "an OPRF key seed must hold at least 32 bytes of secret randomness");
    }
    Objects.requireNonNull(info, "info");
    byte[] deriveInput = Bytes.concat(seed, Bytes.i2osp(info.length, 2), info);
    byte[] dst = mode.dst("DeriveKeyPair");
    for (int counter = 0; counter <= 255; counter++) {
      BigInteger sk =
          HashToCurve.hashToScalar(Bytes.concat(deriveInput, Bytes.i2osp(counter, 1)), dst);
      if (sk.signum() != 0) {
        return new OprfKeyPair(sk);
      }
    }
    throw new OprfException(
        org.liaison.wire.v1.Reason.INTERNAL,
        "DeriveKeyPair found no non-zero scalar in 256 attempts; use another seed");
  }

  /** Convenience for {@link #derive(OprfMode, byte[], byte[])} with UTF-8 info. */
  public static OprfKeyPair derive(OprfMode mode, byte[] seed, String info) {
    return derive(mode, seed, info.getBytes(StandardCharsets.UTF_8));
  }

  /** The compressed SEC1 public key (33 bytes). */
  public byte[] publicKey() {
    return publicKey.clone();
  }

  /** {@code skS * G}, as the proof of each evaluation needs it. */
  ECPoint publicPoint() {
    return publicPoint;
  }

  BigInteger secret() {
    return secret;
  }

  /** Serialised private scalar; package-private so only tests compare it with vectors. */
  byte[] secretBytes() {
    return OprfGroup.serializeScalar(secret);
  }

  @Override
  public String toString() {
    return "OprfKeyPair[publicKey="
        + org.bouncycastle.util.encoders.Hex.toHexString(publicKey)
        + "]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OprfKeyPair other && Arrays.equals(publicKey, other.publicKey);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(publicKey);
  }
}

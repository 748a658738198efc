package org.liaison.wire.crypto;

import java.io.IOException;
import java.math.BigInteger;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.PublicKey;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.DSAEncoding;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.crypto.signers.PlainDSAEncoding;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;

/**
 * ECDSA over P-256 with SHA-256, with the BouncyCastle lightweight API (several times faster than
 * the JDK provider). Signing is deterministic (RFC 6979), so it never depends on the quality of a
 * random generator. Verification is strict: only canonical DER (or exactly 64-byte P1363) encodings
 * with 0 &lt; r, s &lt; n are accepted.
 */
public final class Ecdsa {

  private Ecdsa() {}

  /** Signs SHA-256(message); returns the DER SEQUENCE(r, s). */
  public static byte[] sign(PrivateKey key, byte[] message) throws InvalidKeyException {
    ECPrivateKeyParameters p = P256.privateKey(key);
    ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
    signer.init(true, p);
    BigInteger[] rs = signer.generateSignature(Sha256.digest(message));
    try {
      return StandardDSAEncoding.INSTANCE.encode(P256.DOMAIN.getN(), rs[0], rs[1]);
    } catch (IOException e) {
      throw new IllegalStateException("DER encoding of a fresh signature failed", e);
    }
  }

  /**
   * Whether the private key belongs to the public key (a signature by one verifies under the
   * other): a key folder caught half-rewritten has a new key beside an old certificate.
   */
  public static boolean samePair(PrivateKey key, PublicKey publicKey) {
    byte[] probe = "liaison key pair check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    try {
      return verify(publicKey, probe, sign(key, probe));
    } catch (InvalidKeyException | RuntimeException e) {
      return false;
    }
  }

  /** Verifies a DER signature. False for any invalid key, encoding or signature. */
  public static boolean verify(PublicKey key, byte[] message, byte[] derSignature) {
    return verifyDigest(key, Sha256.digest(message), derSignature);
  }

  /**
   * Verifies a DER signature over a message given by its SHA-256 (a caller that hashes the message
   * where it lies, without assembling it). False for any invalid key, encoding or signature.
   */
  public static boolean verifyDigest(PublicKey key, byte[] sha256, byte[] derSignature) {
    return verifyHash(key, sha256, derSignature, StandardDSAEncoding.INSTANCE);
  }

  /** Verifies an IEEE P1363 (r || s, 32 bytes each) signature. */
  public static boolean verifyP1363(PublicKey key, byte[] message, byte[] signature) {
    if (signature == null || signature.length != 64) {
      return false;
    }
    return verifyHash(key, Sha256.digest(message), signature, PlainDSAEncoding.INSTANCE);
  }

  private static boolean verifyHash(PublicKey key, byte[] hash, byte[] sig, DSAEncoding enc) {
    try {
      ECPublicKeyParameters p = P256.publicKey(key);
      BigInteger[] rs = enc.decode(P256.DOMAIN.getN(), sig);
      ECDSASigner verifier = new ECDSASigner();
      verifier.init(false, p);
      return verifier.verifySignature(hash, rs[0], rs[1]);
    } catch (InvalidKeyException | IOException | RuntimeException e) {
      return false;
    }
  }
}

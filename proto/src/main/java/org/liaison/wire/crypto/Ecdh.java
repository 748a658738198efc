package org.liaison.wire.crypto;

import java.math.BigInteger;
import java.security.InvalidKeyException;
import org.bouncycastle.crypto.agreement.ECDHBasicAgreement;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.util.BigIntegers;

/**
 * ECDH on P-256 (the Diffie-Hellman inside HPKE's DHKEM). Peer keys are validated: points off the
 * curve, on another curve or at infinity are refused.
 */
public final class Ecdh {

  private Ecdh() {}

  /** The 32-byte x coordinate of d * peer, for a peer given as an X9.62 point. */
  public static byte[] sharedSecret(BigInteger privateScalar, byte[] peerPoint)
      throws InvalidKeyException {
    return agree(privateScalar, P256.publicKeyFromPoint(peerPoint));
  }

  /** As {@link #sharedSecret}, for a peer given as a DER SubjectPublicKeyInfo. */
  public static byte[] sharedSecretFromSpki(BigInteger privateScalar, byte[] peerSpki)
      throws InvalidKeyException {
    return agree(privateScalar, P256.publicKeyFromSpki(peerSpki));
  }

  private static byte[] agree(BigInteger d, ECPublicKeyParameters peer) throws InvalidKeyException {
    if (d.signum() <= 0 || d.compareTo(P256.DOMAIN.getN()) >= 0) {
      throw new InvalidKeyException("private scalar out of range");
    }
    ECDHBasicAgreement agreement = new ECDHBasicAgreement();
    agreement.init(new ECPrivateKeyParameters(d, P256.DOMAIN));
    try {
      return BigIntegers.asUnsignedByteArray(32, agreement.calculateAgreement(peer));
    } catch (RuntimeException e) {
      throw new InvalidKeyException("ECDH failed: " + e.getMessage(), e);
    }
  }
}

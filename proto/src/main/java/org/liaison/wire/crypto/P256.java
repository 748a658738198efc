package org.liaison.wire.crypto;

import com.google.common.collect.MapMaker;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.concurrent.ConcurrentMap;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.jcajce.provider.asymmetric.util.ECUtil;
import org.bouncycastle.math.ec.ECPoint;

/**
 * The one definition of the P-256 curve (signatures, HPKE, OPRF) and conversions between JCA keys
 * and BouncyCastle key parameters.
 */
public final class P256 {

  // The custom curve: specialised P-256 field arithmetic, several times faster than the generic
  // BigInteger one that ECNamedCurveTable returns.
  public static final X9ECParameters X9 = CustomNamedCurves.getByName("secp256r1");
  public static final ECDomainParameters DOMAIN = new ECDomainParameters(X9);

  // Keyed by the key object (weakly, by identity): certificates are parsed once
  // (CertificateFacts), so a partner's key is the same object on every envelope. Reusing its
  // parameters skips decoding and validating the point, and keeps the multiples of the point that
  // BouncyCastle precomputes on it for verification.
  private static final ConcurrentMap<PublicKey, ECPublicKeyParameters> PUBLIC_KEYS =
      new MapMaker().weakKeys().makeMap();

  private P256() {}

  static ECPublicKeyParameters publicKey(PublicKey key) throws InvalidKeyException {
    ECPublicKeyParameters known = PUBLIC_KEYS.get(key);
    if (known != null) {
      return known;
    }
    ECPublicKeyParameters parsed = publicKeyFromSpki(key.getEncoded());
    PUBLIC_KEYS.putIfAbsent(key, parsed);
    return parsed;
  }

  /** Parses a SubjectPublicKeyInfo and insists the key is on P-256. */
  static ECPublicKeyParameters publicKeyFromSpki(byte[] spki) throws InvalidKeyException {
    AsymmetricKeyParameter p;
    try {
      p = PublicKeyFactory.createKey(SubjectPublicKeyInfo.getInstance(spki));
    } catch (Exception e) {
      throw new InvalidKeyException("not a valid public key: " + e.getMessage(), e);
    }
    if (!(p instanceof ECPublicKeyParameters ec) || !isP256(ec.getParameters())) {
      throw new InvalidKeyException("public key is not an EC P-256 key");
    }
    return new ECPublicKeyParameters(ec.getQ(), DOMAIN);
  }

  /** Decodes an X9.62 point (uncompressed or compressed), rejecting invalid and infinity points. */
  static ECPublicKeyParameters publicKeyFromPoint(byte[] point) throws InvalidKeyException {
    try {
      ECPoint q = DOMAIN.getCurve().decodePoint(point);
      return new ECPublicKeyParameters(q, DOMAIN);
    } catch (RuntimeException e) {
      throw new InvalidKeyException("not a valid P-256 point: " + e.getMessage(), e);
    }
  }

  static ECPrivateKeyParameters privateKey(PrivateKey key) throws InvalidKeyException {
    AsymmetricKeyParameter p = ECUtil.generatePrivateKeyParameter(key);
    if (!(p instanceof ECPrivateKeyParameters ec) || !isP256(ec.getParameters())) {
      throw new InvalidKeyException("private key is not an EC P-256 key");
    }
    return new ECPrivateKeyParameters(ec.getD(), DOMAIN);
  }

  /** The uncompressed X9.62 encoding of a public key. */
  static byte[] uncompressed(PublicKey key) throws InvalidKeyException {
    return publicKey(key).getQ().getEncoded(false);
  }

  private static boolean isP256(ECDomainParameters d) {
    return d.getCurve().equals(DOMAIN.getCurve())
        && d.getG().equals(DOMAIN.getG())
        && d.getN().equals(DOMAIN.getN())
        && java.util.Objects.equals(d.getH(), DOMAIN.getH());
  }
}

package org.liaison.wire.crypto;

import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import javax.crypto.AEADBadTagException;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.hpke.HPKE;
import org.bouncycastle.crypto.hpke.HPKEContext;
import org.bouncycastle.crypto.hpke.HPKEContextWithEncapsulation;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.util.BigIntegers;

/**
 * HPKE (RFC 9180) base mode for the one suite we use: DHKEM(P-256, HKDF-SHA256), HKDF-SHA256,
 * AES-256-GCM. BouncyCastle's implementation, checked against the RFC vectors.
 *
 * <p>Keys are ordinary JCA EC P-256 keys (as loaded from PEM). Contexts are not thread-safe.
 */
public final class Hpke {

  /** Length of the encapsulated key: an uncompressed P-256 point. */
  public static final int ENC_LENGTH = 65;

  // HPKE instances hold curve precomputation; one per thread keeps them warm and unshared.
  private static final ThreadLocal<HPKE> HPKE_SUITE =
      ThreadLocal.withInitial(
          () ->
              new HPKE(
                  HPKE.mode_base,
                  HPKE.kem_P256_SHA256,
                  HPKE.kdf_HKDF_SHA256,
                  HPKE.aead_AES_GCM256));

  private Hpke() {}

  /** The result of a single-shot seal. */
  public record Sealed(byte[] enc, byte[] ciphertext) {}

  /** A recipient's key pair in the form HPKE needs; build once and reuse. */
  public static final class RecipientKey {
    final AsymmetricCipherKeyPair pair;

    RecipientKey(AsymmetricCipherKeyPair pair) {
      this.pair = pair;
    }
  }

  /** Wraps the recipient's P-256 private key and its public key (from the certificate). */
  public static RecipientKey recipientKey(PrivateKey privateKey, PublicKey publicKey)
      throws InvalidKeyException {
    if (!(privateKey instanceof ECPrivateKey ec)) {
      throw new InvalidKeyException("HPKE recipient key must be an EC P-256 key");
    }
    byte[] pk = P256.uncompressed(publicKey);
    try {
      return new RecipientKey(
          suite().deserializePrivateKey(BigIntegers.asUnsignedByteArray(32, ec.getS()), pk));
    } catch (RuntimeException e) {
      throw new InvalidKeyException("not a valid HPKE P-256 key pair", e);
    }
  }

  /** Single-shot seal (SetupBaseS + one Seal with sequence 0). */
  public static Sealed seal(PublicKey recipient, byte[] info, byte[] aad, byte[] plaintext)
      throws InvalidKeyException {
    SenderContext ctx = setupBaseS(recipient, info);
    return new Sealed(ctx.enc(), ctx.seal(aad, plaintext));
  }

  /** Single-shot open (SetupBaseR + one Open with sequence 0). */
  public static byte[] open(
      byte[] enc, RecipientKey recipient, byte[] info, byte[] aad, byte[] ciphertext)
      throws InvalidKeyException, AEADBadTagException {
    return setupBaseR(enc, recipient, info).open(aad, ciphertext);
  }

  public static SenderContext setupBaseS(PublicKey recipient, byte[] info)
      throws InvalidKeyException {
    return new SenderContext(suite().setupBaseS(publicKey(recipient), info));
  }

  /** SetupBaseS with a given ephemeral key pair: for test vectors only. */
  static SenderContext setupBaseS(byte[] pkR, byte[] info, byte[] skE, byte[] pkE) {
    HPKE hpke = suite();
    return new SenderContext(
        hpke.setupBaseS(
            hpke.deserializePublicKey(pkR), info, hpke.deserializePrivateKey(skE, pkE)));
  }

  /** SetupBaseR from raw key bytes: for test vectors only. */
  static ReceiverContext setupBaseR(byte[] enc, byte[] skR, byte[] pkR, byte[] info)
      throws InvalidKeyException {
    return setupBaseR(enc, new RecipientKey(suite().deserializePrivateKey(skR, pkR)), info);
  }

  public static ReceiverContext setupBaseR(byte[] enc, RecipientKey recipient, byte[] info)
      throws InvalidKeyException {
    if (enc == null || enc.length != ENC_LENGTH) {
      throw new InvalidKeyException("HPKE enc must be a 65-byte uncompressed P-256 point");
    }
    try {
      return new ReceiverContext(suite().setupBaseR(enc, recipient.pair, info));
    } catch (RuntimeException e) {
      throw new InvalidKeyException("HPKE enc is not a valid P-256 point", e);
    }
  }

  private static AsymmetricKeyParameter publicKey(PublicKey key) throws InvalidKeyException {
    try {
      return suite().deserializePublicKey(P256.uncompressed(key));
    } catch (RuntimeException e) {
      throw new InvalidKeyException("not a valid HPKE P-256 public key", e);
    }
  }

  private static HPKE suite() {
    return HPKE_SUITE.get();
  }

  /** Sender side of an HPKE context: seals with sequence numbers 0, 1, 2, ... in order. */
  public static final class SenderContext {
    private final HPKEContextWithEncapsulation ctx;

    private SenderContext(HPKEContextWithEncapsulation ctx) {
      this.ctx = ctx;
    }

    public byte[] enc() {
      return ctx.getEncapsulation().clone();
    }

    public byte[] seal(byte[] aad, byte[] plaintext) {
      try {
        return ctx.seal(aad, plaintext);
      } catch (InvalidCipherTextException e) {
        throw new IllegalStateException("HPKE seal failed", e);
      }
    }

    /** Secret export (RFC 9180 section 5.3). */
    public byte[] export(byte[] exporterContext, int length) {
      return ctx.export(exporterContext, length);
    }
  }

  /** Receiver side of an HPKE context: opens with sequence numbers 0, 1, 2, ... in order. */
  public static final class ReceiverContext {
    private final HPKEContext ctx;

    private ReceiverContext(HPKEContext ctx) {
      this.ctx = ctx;
    }

    public byte[] open(byte[] aad, byte[] ciphertext) throws AEADBadTagException {
      try {
        return ctx.open(aad, ciphertext);
      } catch (InvalidCipherTextException | RuntimeException e) {
        throw new AEADBadTagException("HPKE open failed");
      }
    }

    public byte[] export(byte[] exporterContext, int length) {
      return ctx.export(exporterContext, length);
    }
  }
}

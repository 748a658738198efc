package org.liaison.wire.crypto;

import javax.crypto.AEADBadTagException;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * AES-256-GCM with a 96-bit nonce and a 128-bit tag, the only AEAD the suite uses. Other key or
 * nonce sizes are refused with {@link IllegalArgumentException}. Output is ciphertext || tag.
 */
public final class AesGcm {

  public static final int KEY_LENGTH = 32;
  public static final int NONCE_LENGTH = 12;
  public static final int TAG_LENGTH = 16;

  private AesGcm() {}

  public static byte[] seal(byte[] key, byte[] nonce, byte[] aad, byte[] plaintext) {
    try {
      return run(cipher(true, key, nonce, aad), plaintext);
    } catch (InvalidCipherTextException e) {
      throw new IllegalStateException("AES-GCM encryption failed", e);
    }
  }

  /** Decrypts and authenticates; a wrong key, nonce, aad or any changed bit fails. */
  public static byte[] open(byte[] key, byte[] nonce, byte[] aad, byte[] ciphertext)
      throws AEADBadTagException {
    if (ciphertext.length < TAG_LENGTH) {
      throw new AEADBadTagException("ciphertext shorter than the GCM tag");
    }
    try {
      return run(cipher(false, key, nonce, aad), ciphertext);
    } catch (InvalidCipherTextException e) {
      throw new AEADBadTagException("AES-GCM authentication failed");
    }
  }

  /** All of {@code input} through the cipher, tag included: sealed or opened. */
  private static byte[] run(GCMModeCipher gcm, byte[] input) throws InvalidCipherTextException {
    byte[] out = new byte[gcm.getOutputSize(input.length)];
    int n = gcm.processBytes(input, 0, input.length, out, 0);
    gcm.doFinal(out, n);
    return out;
  }

  private static GCMModeCipher cipher(boolean encrypt, byte[] key, byte[] nonce, byte[] aad) {
    if (key.length != KEY_LENGTH) {
      throw new IllegalArgumentException("AES-256-GCM needs a 32-byte key, got " + key.length);
    }
    if (nonce.length != NONCE_LENGTH) {
      throw new IllegalArgumentException("AES-GCM nonce must be 12 bytes, got " + nonce.length);
    }
    GCMModeCipher gcm = GCMBlockCipher.newInstance(AESEngine.newInstance());
    gcm.init(encrypt, new AEADParameters(new KeyParameter(key), TAG_LENGTH * 8, nonce, aad));
    return gcm;
  }
}

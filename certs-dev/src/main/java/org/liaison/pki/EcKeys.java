package org.liaison.pki;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;

/** EC P-256 key pairs. */
final class EcKeys {

  private EcKeys() {}

  static KeyPair generate(SecureRandom random) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), random);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new PkiException(
          PkiException.Kind.CRYPTO_FAILURE, "this JVM cannot make EC P-256 keys", e);
    }
  }
}

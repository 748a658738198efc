package org.liaison.node.runtime;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import org.jboss.logging.Logger;
import org.liaison.node.config.NodeConfig;
import org.liaison.wire.crypto.AesGcm;
import org.liaison.wire.crypto.Hkdf;

/**
 * Seals the node's own secrets (the de-confliction master seed) under a key derived from the node's
 * encryption private key in its key store, so the data folder alone (a backup, a copied disk) does
 * not give them away (docs/security-model.md, "Smaller rules"). A node started without its PKI
 * (unit tests of other features) uses a key for this process only.
 */
@ApplicationScoped
public class NodeSecrets {
  private static final Logger LOG = Logger.getLogger(NodeSecrets.class);
  private static final byte[] SALT = "LIAISON-1 node secrets".getBytes(StandardCharsets.UTF_8);

  @Inject NodeConfig config;
  @Inject NodeKeys keys;

  private byte[] key;

  @PostConstruct
  void load() {
    boolean hasPki = Files.exists(config.pki().dir().resolve("encryption.key.pem"));
    if (hasPki || config.runtime().enabled()) {
      key = sealingKey(keys.credentials().encryptionKey());
    } else {
      LOG.warn("no PKI: node secrets are sealed under a key of this process only (tests only)");
      key = new byte[AesGcm.KEY_LENGTH];
      new SecureRandom().nextBytes(key);
    }
  }

  /** Secrets sealed under a key derived from this private key (the node's encryption key). */
  public static NodeSecrets derivedFrom(PrivateKey privateKey) {
    NodeSecrets s = new NodeSecrets();
    s.key = sealingKey(privateKey);
    return s;
  }

  private static byte[] sealingKey(PrivateKey privateKey) {
    return Hkdf.derive(
        privateKey.getEncoded(),
        SALT,
        "sealing key".getBytes(StandardCharsets.UTF_8),
        AesGcm.KEY_LENGTH);
  }

  /** nonce || AES-256-GCM(secret), bound to its name. */
  public byte[] seal(String name, byte[] secret) {
    byte[] nonce = new byte[AesGcm.NONCE_LENGTH];
    new SecureRandom().nextBytes(nonce);
    byte[] sealed = AesGcm.seal(key, nonce, aad(name), secret);
    byte[] out = Arrays.copyOf(nonce, nonce.length + sealed.length);
    System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
    return out;
  }

  /** The secret, or empty when it was sealed under another key (or altered). */
  public Optional<byte[]> open(String name, byte[] sealed) {
    if (sealed.length < AesGcm.NONCE_LENGTH + AesGcm.TAG_LENGTH) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          AesGcm.open(
              key,
              Arrays.copyOf(sealed, AesGcm.NONCE_LENGTH),
              aad(name),
              Arrays.copyOfRange(sealed, AesGcm.NONCE_LENGTH, sealed.length)));
    } catch (AEADBadTagException e) {
      return Optional.empty();
    }
  }

  private static byte[] aad(String name) {
    return ("LIAISON-1 node secret\0" + name).getBytes(StandardCharsets.UTF_8);
  }
}

package org.liaison.node.runtime;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;
import org.liaison.node.config.NodeConfig;
import org.liaison.pem.Pem;
import org.liaison.wire.crypto.AesGcm;
import org.liaison.wire.crypto.Hkdf;

/**
 * Seals the node's own secrets (the de-confliction master seed, the audit salt) under a key derived
 * from the node's encryption private key in its key store, so the data folder alone (a backup, a
 * copied disk) does not give them away (docs/security-model.md, "Smaller rules").
 *
 * <p>Rotation: encryption keys moved to {@code <pki>/retired/} (any {@code *.pem} private key)
 * still open what was sealed under them, and callers re-seal under the current key ({@link
 * #openedUnderCurrentKey}); once every secret is re-sealed the retired key can be deleted.
 *
 * <p>A node started without its PKI (unit tests of other features) seals under a test-only key kept
 * beside its data, and says so.
 */
@ApplicationScoped
public class NodeSecrets {
  private static final Logger LOG = Logger.getLogger(NodeSecrets.class);
  private static final byte[] SALT = "LIAISON-1 node secrets".getBytes(StandardCharsets.UTF_8);
  static final String RETIRED = "retired";
  static final String TEST_KEY = "test-only-node-secrets.key";

  @Inject NodeConfig config;
  @Inject NodeKeys keys;

  private byte[] key;
  private List<byte[]> retired = List.of();
  private Path retiredDir;

  @PostConstruct
  void load() {
    Path pki = config.pki().dir();
    retiredDir = pki.resolve(RETIRED);
    boolean hasPki = Files.exists(pki.resolve("encryption.key.pem"));
    if (hasPki || config.runtime().enabled()) {
      key = sealingKey(keys.credentials().encryptionKey());
      retired = retiredKeys(retiredDir);
    } else {
      LOG.warn(
          "no PKI: node secrets are sealed under a test-only key beside the data (tests only)");
      key = testKey(config.dataDir().resolve(TEST_KEY));
    }
  }

  /** Secrets sealed under a key derived from this private key (the node's encryption key). */
  public static NodeSecrets derivedFrom(PrivateKey privateKey, PrivateKey... retiredKeys) {
    NodeSecrets s = new NodeSecrets();
    s.key = sealingKey(privateKey);
    s.retired = Arrays.stream(retiredKeys).map(NodeSecrets::sealingKey).toList();
    s.retiredDir = Path.of(RETIRED);
    return s;
  }

  /** Where retired encryption keys are read from. */
  public Path retiredKeysDir() {
    return retiredDir;
  }

  private static List<byte[]> retiredKeys(Path dir) {
    List<byte[]> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.pem")) {
      for (Path f : files) {
        try {
          out.add(sealingKey(Pem.readPrivateKey(f)));
        } catch (IOException | RuntimeException notAKey) {
          LOG.warnf("%s in the retired-keys folder is not a private key; ignored", f);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the retired keys in " + dir, e);
    }
    return out;
  }

  private static byte[] testKey(Path file) {
    try {
      if (Files.isRegularFile(file)) {
        byte[] k = Files.readAllBytes(file);
        if (k.length == AesGcm.KEY_LENGTH) {
          return k;
        }
      }
      byte[] k = new byte[AesGcm.KEY_LENGTH];
      new SecureRandom().nextBytes(k);
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.write(file, k, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // the data folder's own permissions protect it
      }
      return k;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the test-only sealing key " + file, e);
    }
  }

  private static byte[] sealingKey(PrivateKey privateKey) {
    return Hkdf.derive(
        privateKey.getEncoded(),
        SALT,
        "sealing key".getBytes(StandardCharsets.UTF_8),
        AesGcm.KEY_LENGTH);
  }

  /**
   * A keyed digest (HMAC-SHA-256 under a key derived from the sealing key and {@code purpose}) of
   * {@code data}: the same on every start of this node, unforgeable and unguessable by anyone else.
   */
  public byte[] tag(String purpose, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(
          new SecretKeySpec(
              Hkdf.derive(key, SALT, aad("tag:" + purpose), AesGcm.KEY_LENGTH), "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA-256 is part of every Java platform", e);
    }
  }

  /** nonce || AES-256-GCM(secret), bound to its name, under the current key. */
  public byte[] seal(String name, byte[] secret) {
    byte[] nonce = new byte[AesGcm.NONCE_LENGTH];
    new SecureRandom().nextBytes(nonce);
    byte[] sealed = AesGcm.seal(key, nonce, aad(name), secret);
    byte[] out = Arrays.copyOf(nonce, nonce.length + sealed.length);
    System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
    return out;
  }

  /**
   * The secret, opened under the current key or a retired one; empty when it was sealed under none
   * of them (or altered).
   */
  public Optional<byte[]> open(String name, byte[] sealed) {
    Optional<byte[]> now = open(key, name, sealed);
    if (now.isPresent()) {
      return now;
    }
    for (byte[] old : retired) {
      Optional<byte[]> before = open(old, name, sealed);
      if (before.isPresent()) {
        return before;
      }
    }
    return Optional.empty();
  }

  /** Whether the secret opens under the current key (if not, the caller re-seals it). */
  public boolean openedUnderCurrentKey(String name, byte[] sealed) {
    return open(key, name, sealed).isPresent();
  }

  private static Optional<byte[]> open(byte[] key, String name, byte[] sealed) {
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

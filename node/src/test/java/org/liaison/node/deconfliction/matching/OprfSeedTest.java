package org.liaison.node.deconfliction.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liaison.node.runtime.NodeSecrets;

/** The de-confliction master seed is sealed under the node's key store, never a plain file. */
class OprfSeedTest {
  @TempDir Path dir;

  private static PrivateKey nodeKey() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair().getPrivate();
  }

  private static OprfKeys keys(PrivateKey nodeKey) {
    OprfKeys k = new OprfKeys();
    k.secrets = NodeSecrets.derivedFrom(nodeKey);
    return k;
  }

  @Test
  void theSeedIsSealed_andTheSameAfterARestart() throws Exception {
    PrivateKey nodeKey = nodeKey();
    byte[] seed = keys(nodeKey).seed(dir);

    byte[] onDisk = Files.readAllBytes(dir.resolve(OprfKeys.SEED_FILE));
    assertThat(Files.exists(dir.resolve(OprfKeys.PLAIN_SEED_FILE))).isFalse();
    assertThat(contains(onDisk, seed)).as("the seed is not on disk in the clear").isFalse();
    assertThat(keys(nodeKey).seed(dir)).isEqualTo(seed);
  }

  @Test
  void aPlainSeedOfAnEarlierVersionIsSealedAndRemoved() throws Exception {
    byte[] old = new byte[32];
    Arrays.fill(old, (byte) 7);
    Files.write(dir.resolve(OprfKeys.PLAIN_SEED_FILE), old);
    PrivateKey nodeKey = nodeKey();

    assertThat(keys(nodeKey).seed(dir)).isEqualTo(old);
    assertThat(Files.exists(dir.resolve(OprfKeys.PLAIN_SEED_FILE))).isFalse();
    assertThat(keys(nodeKey).seed(dir)).isEqualTo(old);
  }

  @Test
  void underAnotherNodeKeyTheSeedDoesNotOpen_aNewOneIsMade() throws Exception {
    byte[] first = keys(nodeKey()).seed(dir);
    byte[] second = keys(nodeKey()).seed(dir);
    assertThat(second).hasSize(32).isNotEqualTo(first);
  }

  @Test
  void afterKeyRotation_withTheOldKeyRetired_theSameSeedIsResealedUnderTheNewKey()
      throws Exception {
    PrivateKey old = nodeKey();
    byte[] seed = keys(old).seed(dir);
    PrivateKey replacement = nodeKey();
    OprfKeys rotated = new OprfKeys();
    rotated.secrets = NodeSecrets.derivedFrom(replacement, old);
    assertThat(rotated.seed(dir)).isEqualTo(seed);
    // re-sealed: the retired key is no longer needed
    assertThat(keys(replacement).seed(dir)).isEqualTo(seed);
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}

package org.liaison.node.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.liaison.node.runtime.NodeSecrets;

/**
 * The audit salt is stored sealed under the node's key; a plain salt of an earlier version is
 * sealed; rotating the node's encryption key keeps the salt (old entries stay searchable) as long
 * as the old key is kept in the retired-keys folder until the salt is re-sealed; without it the
 * node fails closed rather than starting a new salt.
 */
class AuditSaltTest {

  private static PrivateKey nodeKey() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair().getPrivate();
  }

  private static byte[] salt() {
    byte[] s = new byte[32];
    Arrays.fill(s, (byte) 42);
    return s;
  }

  @Test
  void aPlainSaltOfAnEarlierVersion_isKeptAndSealed() throws Exception {
    NodeSecrets secrets = NodeSecrets.derivedFrom(nodeKey());
    AuditSalt.Resolved r = AuditSalt.resolve(salt(), null, secrets);
    assertThat(r.salt()).isEqualTo(salt());
    assertThat(r.reseal()).isNotNull();
    assertThat(indexOf(r.reseal(), salt())).as("not in the clear").isNegative();
    assertThat(secrets.open(AuditSalt.SECRET, r.reseal())).hasValue(salt());
  }

  @Test
  void aSealedSalt_opensUnderTheSameKey_withNothingToReseal() throws Exception {
    PrivateKey key = nodeKey();
    byte[] sealed = NodeSecrets.derivedFrom(key).seal(AuditSalt.SECRET, salt());
    AuditSalt.Resolved r = AuditSalt.resolve(null, sealed, NodeSecrets.derivedFrom(key));
    assertThat(r.salt()).isEqualTo(salt());
    assertThat(r.reseal()).isNull();
  }

  @Test
  void afterKeyRotation_withTheOldKeyRetired_theSameSaltIsResealedUnderTheNewKey()
      throws Exception {
    PrivateKey old = nodeKey();
    PrivateKey replacement = nodeKey();
    byte[] sealedUnderOld = NodeSecrets.derivedFrom(old).seal(AuditSalt.SECRET, salt());

    NodeSecrets rotated = NodeSecrets.derivedFrom(replacement, old);
    AuditSalt.Resolved r = AuditSalt.resolve(null, sealedUnderOld, rotated);
    assertThat(r.salt()).as("old entries stay searchable").isEqualTo(salt());
    assertThat(r.reseal()).isNotNull();

    // once re-sealed the retired key can be deleted
    AuditSalt.Resolved later =
        AuditSalt.resolve(null, r.reseal(), NodeSecrets.derivedFrom(replacement));
    assertThat(later.salt()).isEqualTo(salt());
    assertThat(later.reseal()).isNull();
  }

  @Test
  void afterKeyRotation_withoutTheOldKey_theNodeFailsClosed_andSaysWhatToDo() throws Exception {
    byte[] sealedUnderOld = NodeSecrets.derivedFrom(nodeKey()).seal(AuditSalt.SECRET, salt());
    assertThatThrownBy(
            () -> AuditSalt.resolve(null, sealedUnderOld, NodeSecrets.derivedFrom(nodeKey())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("retired")
        .hasMessageContaining("unsearchable");
  }

  @Test
  void aSaltSealedUnderAnotherName_doesNotOpenAsTheSalt() throws Exception {
    PrivateKey key = nodeKey();
    byte[] seed = NodeSecrets.derivedFrom(key).seal("oprf-master-seed", salt());
    assertThatThrownBy(() -> AuditSalt.resolve(null, seed, NodeSecrets.derivedFrom(key)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith(
            "the audit salt does not open under this node's encryption key nor any key in");
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}

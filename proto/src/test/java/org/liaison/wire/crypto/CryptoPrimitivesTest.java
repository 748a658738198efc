package org.liaison.wire.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import javax.crypto.AEADBadTagException;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;

class CryptoPrimitivesTest {

  static KeyPair p256() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC", new BouncyCastleProvider());
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  @Test
  void suites_allowOnlyTheOneSuite() {
    assertThat(Suites.isAllowed(Suites.V1)).isTrue();
    assertThat(Suites.isAllowed(Suites.V1.toLowerCase())).isFalse();
    assertThat(Suites.isAllowed("LIAISON-1/ECDSA-P256-SHA256/HPKE-P256-SHA256-AES128GCM"))
        .isFalse();
    assertThat(Suites.isAllowed("")).isFalse();
    assertThat(Suites.isAllowed(null)).isFalse();
  }

  @Test
  void ecdsa_signVerifyAndRejectOtherMessageOrKey() throws Exception {
    KeyPair kp = p256();
    byte[] msg = "hello".getBytes(StandardCharsets.UTF_8);
    byte[] sig = Ecdsa.sign(kp.getPrivate(), msg);
    assertThat(Ecdsa.verify(kp.getPublic(), msg, sig)).isTrue();
    assertThat(Ecdsa.verify(kp.getPublic(), "hellp".getBytes(StandardCharsets.UTF_8), sig))
        .isFalse();
    assertThat(Ecdsa.verify(p256().getPublic(), msg, sig)).isFalse();
    assertThat(Ecdsa.verify(kp.getPublic(), msg, new byte[0])).isFalse();
  }

  @Test
  void ecdsa_interoperatesWithTheJdkProvider() throws Exception {
    KeyPair kp = p256();
    byte[] msg = "interop".getBytes(StandardCharsets.UTF_8);
    java.security.Signature jdk = java.security.Signature.getInstance("SHA256withECDSA");
    jdk.initSign(kp.getPrivate());
    jdk.update(msg);
    assertThat(Ecdsa.verify(kp.getPublic(), msg, jdk.sign())).isTrue();
    jdk.initVerify(kp.getPublic());
    jdk.update(msg);
    assertThat(jdk.verify(Ecdsa.sign(kp.getPrivate(), msg))).isTrue();
  }

  @Test
  void aesGcm_roundTripAndTamper() throws Exception {
    byte[] key = new byte[32];
    byte[] nonce = new byte[12];
    byte[] ct = AesGcm.seal(key, nonce, new byte[] {1}, new byte[] {1, 2, 3});
    assertThat(AesGcm.open(key, nonce, new byte[] {1}, ct)).containsExactly(1, 2, 3);
    assertThatThrownBy(() -> AesGcm.open(key, nonce, new byte[] {2}, ct))
        .isInstanceOf(AEADBadTagException.class);
    assertThatThrownBy(() -> AesGcm.open(new byte[16], nonce, new byte[0], ct))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("AES-256-GCM needs a 32-byte key, got 16");
  }

  @Test
  void hpke_sealOpenWithJcaKeys() throws Exception {
    KeyPair kp = p256();
    Hpke.RecipientKey rk = Hpke.recipientKey(kp.getPrivate(), kp.getPublic());
    byte[] info = "info".getBytes(StandardCharsets.UTF_8);
    Hpke.Sealed s = Hpke.seal(kp.getPublic(), info, new byte[] {9}, new byte[] {4, 5});
    assertThat(s.enc()).hasSize(Hpke.ENC_LENGTH);
    assertThat(Hpke.open(s.enc(), rk, info, new byte[] {9}, s.ciphertext())).containsExactly(4, 5);
    assertThatThrownBy(() -> Hpke.open(s.enc(), rk, new byte[0], new byte[] {9}, s.ciphertext()))
        .isInstanceOf(AEADBadTagException.class);
    KeyPair other = p256();
    Hpke.RecipientKey wrong = Hpke.recipientKey(other.getPrivate(), other.getPublic());
    assertThatThrownBy(() -> Hpke.open(s.enc(), wrong, info, new byte[] {9}, s.ciphertext()))
        .isInstanceOf(AEADBadTagException.class);
  }

  @Test
  void hkdf_refusesOverlongOutput() {
    assertThatThrownBy(() -> Hkdf.expand(new byte[32], new byte[0], Hkdf.MAX_LENGTH + 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "HKDF-SHA256 output length must be 0.."
                + Hkdf.MAX_LENGTH
                + ", was "
                + (Hkdf.MAX_LENGTH + 1));
    assertThat(Hkdf.expand(new byte[32], new byte[0], Hkdf.MAX_LENGTH)).hasSize(Hkdf.MAX_LENGTH);
  }
}

package org.liaison.pem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemTest {
  @TempDir Path dir;

  @Test
  void aWrittenEcKey_isPkcs8_andReadsBackAsAJdkKeyThatSignsWithTheJdkSigner() throws Exception {
    KeyPair pair = ecPair();
    Path file = dir.resolve("k.pem");
    Pem.write(file, pair.getPrivate());

    String text = Files.readString(file, StandardCharsets.US_ASCII);
    // BouncyCastle's writer alone makes "EC PRIVATE KEY" without the public key, which its own
    // reader cannot turn back into a key: the layout says PKCS#8
    assertThat(text).startsWith("-----BEGIN PRIVATE KEY-----");
    PrivateKey read = Pem.readPrivateKey(file);
    assertThat(read.getEncoded()).isEqualTo(pair.getPrivate().getEncoded());

    Signature signer = Signature.getInstance("SHA256withECDSA", "SunEC");
    signer.initSign(read);
    signer.update(new byte[] {1, 2, 3});
    Signature verifier = Signature.getInstance("SHA256withECDSA");
    verifier.initVerify(pair.getPublic());
    verifier.update(new byte[] {1, 2, 3});
    assertThat(verifier.verify(signer.sign())).isTrue();
  }

  @Test
  void aFileWithoutTheKindAsked_isRefusedWithItsName() throws Exception {
    Path file = dir.resolve("k.pem");
    Pem.write(file, ecPair().getPrivate());
    assertThatThrownBy(() -> Pem.readCertificate(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("k.pem does not hold a PEM certificate");
    Path empty = Files.writeString(dir.resolve("empty.pem"), "no pem here");
    assertThatThrownBy(() -> Pem.readPrivateKey(empty))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("empty.pem holds no PEM object");
  }

  private static KeyPair ecPair() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }
}

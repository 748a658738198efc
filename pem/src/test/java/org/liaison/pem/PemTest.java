package org.liaison.pem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
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

  @Test
  void aCertificateAndItsCrl_readBackAsTheJdksObjects_andEachIsRefusedAsTheOther()
      throws Exception {
    KeyPair pair = ecPair();
    X500Name name = new X500Name("CN=pem test CA");
    Instant now = Instant.now();
    ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate());
    X509Certificate cert =
        new JcaX509CertificateConverter()
            .getCertificate(
                new JcaX509v3CertificateBuilder(
                        name,
                        BigInteger.TEN,
                        Date.from(now),
                        Date.from(now.plusSeconds(3600)),
                        name,
                        pair.getPublic())
                    .build(signer));
    X509CRL crl =
        new JcaX509CRLConverter()
            .getCRL(
                new X509v2CRLBuilder(name, Date.from(now))
                    .addCRLEntry(BigInteger.TWO, Date.from(now), 1)
                    .build(signer));
    Path certFile = dir.resolve("ca.crt.pem");
    Path crlFile = dir.resolve("ca.crl.pem");
    Pem.write(certFile, cert);
    Pem.write(crlFile, crl);

    assertThat(Pem.readCertificate(certFile).getEncoded()).isEqualTo(cert.getEncoded());
    X509CRL read = Pem.readCrl(crlFile);
    assertThat(read.getEncoded()).isEqualTo(crl.getEncoded());
    assertThat(read.getRevokedCertificate(BigInteger.TWO)).isNotNull();
    assertThatThrownBy(() -> Pem.readCrl(certFile))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("ca.crt.pem does not hold a PEM CRL");
    assertThatThrownBy(() -> Pem.readCertificate(crlFile))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("ca.crl.pem does not hold a PEM certificate");
  }

  private static KeyPair ecPair() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }
}

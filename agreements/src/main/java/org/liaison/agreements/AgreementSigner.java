package org.liaison.agreements;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.util.List;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Signs the exact bytes of an agreement document as a detached CMS SignedData (DER),
 * SHA256withECDSA, with the signer's certificate and its CA included. The result verifies with
 * {@code openssl cms -verify -binary -inform DER -in X.p7s -content X.yaml -CAfile ca.crt.pem
 * -purpose any}.
 */
public final class AgreementSigner {
  // BouncyCastle's signer takes the JDK's keys and BouncyCastle's (a traditional EC PEM key) alike
  private static final BouncyCastleProvider BC = new BouncyCastleProvider();

  private AgreementSigner() {}

  public static byte[] sign(byte[] document, AgencyCredentials signer) throws IOException {
    try {
      CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
      gen.addSignerInfoGenerator(
          new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
              .build(
                  new JcaContentSignerBuilder("SHA256withECDSA")
                      .setProvider(BC)
                      .build(signer.key()),
                  signer.certificate()));
      gen.addCertificates(new JcaCertStore(List.of(signer.certificate(), signer.ca())));
      CMSSignedData signed = gen.generate(new CMSProcessableByteArray(document), false);
      return signed.getEncoded("DER");
    } catch (OperatorCreationException | CMSException | CertificateEncodingException e) {
      throw new IOException("cannot sign for " + signer.agency() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Signs {@code <dir>/<id>.yaml} and writes {@code <dir>/<id>.<agency>.p7s}; returns the signature
   * file.
   */
  public static Path signFile(Path yaml, AgencyCredentials signer) throws IOException {
    Path p7s = signatureFile(yaml, signer.agency());
    Files.write(p7s, sign(Files.readAllBytes(yaml), signer));
    return p7s;
  }

  /** {@code <id>.<agency>.p7s} beside {@code <id>.yaml}. */
  public static Path signatureFile(Path yaml, String agency) {
    String name = yaml.getFileName().toString();
    String id = name.endsWith(".yaml") ? name.substring(0, name.length() - 5) : name;
    return yaml.resolveSibling(id + "." + agency + ".p7s");
  }
}

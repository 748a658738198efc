package org.liaison.pki;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertPathValidator;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;

/** Real verification helpers for the tests: PKIX path validation and key/certificate pairing. */
final class PkiAssertions {

  private PkiAssertions() {}

  /** The ten agencies of the reference federation (docs/reference-federation.md), in its order. */
  static final List<String> REFERENCE_AGENCIES =
      List.of(
          "us.ice",
          "us.cbp",
          "us.dea",
          "us.fbi",
          "us.atf",
          "us.ocdetf",
          "us.ioc2",
          "ru.skr",
          "ca.rcmp",
          "ca.cbsa");

  /**
   * Validates {@code leaf} with the JDK PKIX validator, trusting only {@code ca}; CRL checked when
   * given.
   */
  static void validate(X509Certificate leaf, X509Certificate ca, X509CRL crl)
      throws GeneralSecurityException {
    PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
    if (crl == null) {
      params.setRevocationEnabled(false);
    } else {
      params.setRevocationEnabled(true);
      params.addCertStore(
          CertStore.getInstance("Collection", new CollectionCertStoreParameters(List.of(crl))));
    }
    CertPathValidator.getInstance("PKIX")
        .validate(CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf)), params);
  }

  /** True when the private key makes signatures the certificate's public key verifies. */
  static boolean keyMatches(PrivateKey key, PublicKey publicKey) throws GeneralSecurityException {
    byte[] data = "liaison key pairing check".getBytes();
    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(key);
    signer.update(data);
    byte[] signature = signer.sign();
    Signature verifier = Signature.getInstance("SHA256withECDSA");
    verifier.initVerify(publicKey);
    verifier.update(data);
    return verifier.verify(signature);
  }

  static X509Certificate cert(Path file) {
    return PkiFiles.readCertificate(file);
  }
}

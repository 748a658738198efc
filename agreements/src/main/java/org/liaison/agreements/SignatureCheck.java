package org.liaison.agreements;

/**
 * The verdict on one party's signature file: valid or not, and a sentence saying why. When valid,
 * {@code signerSha256} is the fingerprint of the signing certificate.
 */
public record SignatureCheck(String agency, boolean valid, String detail, String signerSha256) {
  static SignatureCheck ok(String agency, String detail, String signer) {
    return new SignatureCheck(agency, true, detail, signer);
  }

  static SignatureCheck bad(String agency, String detail) {
    return new SignatureCheck(agency, false, detail, "");
  }
}

package org.liaison.agreements;

import org.liaison.wire.v1.Reason;

/**
 * The verdict on one party's signature file: valid or not, a sentence saying why, and when not
 * valid the machine-readable reason ({@code CERTIFICATE_WRONG_ROLE} for a certificate that is not
 * the agency signatory's, {@code AGREEMENT_UNSIGNED} otherwise). When valid, {@code signerSha256}
 * is the fingerprint of the signing certificate.
 */
public record SignatureCheck(
    String agency, boolean valid, String detail, String signerSha256, Reason reason) {
  static final String MISSING = "there is no signature by ";

  static SignatureCheck missing(String agency, String detail) {
    return new SignatureCheck(
        agency, false, MISSING + agency + detail, "", Reason.AGREEMENT_UNSIGNED);
  }

  static SignatureCheck ok(String agency, String detail, String signer) {
    return new SignatureCheck(agency, true, detail, signer, Reason.REASON_UNSPECIFIED);
  }

  static SignatureCheck bad(String agency, String detail) {
    return new SignatureCheck(agency, false, detail, "", Reason.AGREEMENT_UNSIGNED);
  }

  static SignatureCheck wrongRole(String agency, String detail) {
    return new SignatureCheck(agency, false, detail, "", Reason.CERTIFICATE_WRONG_ROLE);
  }

  /** A signature file was there and was refused (not merely missing). */
  boolean refused() {
    return !valid && !detail.startsWith(MISSING);
  }
}

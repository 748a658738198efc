package org.liaison.pki;

import java.util.Arrays;
import org.bouncycastle.asn1.x509.CRLReason;

/** RFC 5280 CRL reason codes, named as in the RFC ({@code keyCompromise}). */
public enum RevocationReason {
  UNSPECIFIED("unspecified", CRLReason.unspecified),
  KEY_COMPROMISE("keyCompromise", CRLReason.keyCompromise),
  CA_COMPROMISE("cACompromise", CRLReason.cACompromise),
  AFFILIATION_CHANGED("affiliationChanged", CRLReason.affiliationChanged),
  SUPERSEDED("superseded", CRLReason.superseded),
  CESSATION_OF_OPERATION("cessationOfOperation", CRLReason.cessationOfOperation),
  PRIVILEGE_WITHDRAWN("privilegeWithdrawn", CRLReason.privilegeWithdrawn);

  private final String rfcName;
  private final int code;

  RevocationReason(String rfcName, int code) {
    this.rfcName = rfcName;
    this.code = code;
  }

  /** The name used in RFC 5280 and on the command line, e.g. {@code keyCompromise}. */
  public String rfcName() {
    return rfcName;
  }

  /** The CRLReason code. */
  public int code() {
    return code;
  }

  /** Accepts the RFC name ({@code keyCompromise}) or the enum name ({@code KEY_COMPROMISE}). */
  public static RevocationReason parse(String text) {
    for (RevocationReason r : values()) {
      if (r.rfcName.equalsIgnoreCase(text) || r.name().equalsIgnoreCase(text.replace('-', '_'))) {
        return r;
      }
    }
    throw new IllegalArgumentException(
        "'"
            + text
            + "' is not a revocation reason; use one of "
            + Arrays.stream(values()).map(RevocationReason::rfcName).toList());
  }

  @Override
  public String toString() {
    return rfcName;
  }
}

package org.liaison.pki;

import java.math.BigInteger;
import java.time.Instant;

/**
 * One certificate a CA issued, as recorded in {@code ca.state.properties}.
 *
 * @param file where it was written, relative to the agency folder (a later rotation may have
 *     replaced the file)
 * @param revocationReason null unless revoked
 * @param revokedAt null unless revoked
 */
public record IssuedCertificate(
    String agency,
    BigInteger serial,
    String subject,
    String file,
    Instant notBefore,
    Instant notAfter,
    RevocationReason revocationReason,
    Instant revokedAt) {

  public boolean revoked() {
    return revocationReason != null;
  }

  /**
   * The serial as lower-case hex, the form {@code list} prints and {@code revoke --serial} accepts.
   */
  public String serialHex() {
    return serial.toString(16);
  }

  IssuedCertificate revoke(RevocationReason reason, Instant when) {
    return new IssuedCertificate(agency, serial, subject, file, notBefore, notAfter, reason, when);
  }
}

package org.liaison.wire.envelope;

import java.security.cert.X509Certificate;
import org.liaison.wire.v1.Envelope;
import org.liaison.wire.v1.Header;

/**
 * An envelope that passed every check a gateway can make without a decryption key.
 *
 * @param envelope the envelope as received, to be relayed unchanged
 * @param header the parsed header
 * @param signerCertificate the validated signer certificate
 * @param signedContentHash SHA-256 of the signed content
 */
public record VerifiedEnvelope(
    Envelope envelope, Header header, X509Certificate signerCertificate, byte[] signedContentHash) {

  @Override
  public byte[] signedContentHash() {
    return signedContentHash.clone();
  }
}

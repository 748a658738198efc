package org.liaison.wire.envelope;

import java.security.cert.X509Certificate;
import org.liaison.wire.v1.Header;

/**
 * An envelope that passed every check and was decrypted.
 *
 * @param header the header as signed
 * @param payload the decrypted payload (a serialised {@code header.content_type} message)
 * @param signerCertificate the sender node's signing certificate, validated for its agency
 * @param signedContentHash SHA-256 of the signed content: the {@code request_hash} an answer to
 *     this envelope must carry, and a stable id for audit entries
 */
public record OpenedEnvelope(
    Header header, byte[] payload, X509Certificate signerCertificate, byte[] signedContentHash) {

  @Override
  public byte[] payload() {
    return payload.clone();
  }

  @Override
  public byte[] signedContentHash() {
    return signedContentHash.clone();
  }
}

package org.liaison.wire.envelope;

import org.liaison.wire.crypto.Sha256;
import org.liaison.wire.v1.Envelope;

/** Facts about an envelope that need no key. */
public final class Envelopes {
  private Envelopes() {}

  /**
   * SHA-256 of the envelope's signed content, computed from its bytes as they are: the {@code
   * request_hash} that an answer to it must carry.
   */
  public static byte[] signedContentHash(Envelope envelope) {
    return Sha256.digest(
        SignedContent.of(
            envelope.getHeader().toByteArray(),
            envelope.getEnc().toByteArray(),
            envelope.getCiphertext().toByteArray()));
  }
}

package org.liaison.gateway.relay;

import com.google.protobuf.ByteString;
import java.util.Locale;
import org.liaison.wire.v1.Envelope;

/**
 * Test mode that flips one ciphertext byte of relayed envelopes, to prove that tampering in transit
 * is detected by the recipient. Off unless configured.
 */
public enum TamperMode {
  OFF,
  INBOUND,
  OUTBOUND;

  public static TamperMode parse(String value) {
    return valueOf(value.trim().toUpperCase(Locale.ROOT));
  }

  public Envelope apply(Envelope envelope) {
    ByteString ct = envelope.getCiphertext();
    if (ct.isEmpty()) {
      return envelope;
    }
    byte[] bytes = ct.toByteArray();
    bytes[bytes.length / 2] ^= 0x01;
    return envelope.toBuilder().setCiphertext(ByteString.copyFrom(bytes)).build();
  }
}

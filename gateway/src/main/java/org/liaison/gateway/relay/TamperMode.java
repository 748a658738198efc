package org.liaison.gateway.relay;

import com.google.protobuf.ByteString;
import java.util.List;
import java.util.Locale;
import org.liaison.wire.v1.Envelope;

/**
 * Test mode that flips one ciphertext byte of relayed envelopes, to prove that tampering in transit
 * is detected by the recipient. Off unless configured, and reachable only under the Quarkus profile
 * {@value #PROFILE}: a gateway configured to tamper under any other profile refuses to start.
 */
public enum TamperMode {
  OFF,
  INBOUND,
  OUTBOUND;

  /** The only profile under which a gateway may tamper ({@code -Dquarkus.profile=tamper-test}). */
  public static final String PROFILE = "tamper-test";

  public static TamperMode parse(String value) {
    return valueOf(value.trim().toUpperCase(Locale.ROOT));
  }

  /** The configured mode, or an error if it is on outside the {@value #PROFILE} profile. */
  public static TamperMode configured(String value, List<String> activeProfiles) {
    TamperMode mode = parse(value);
    if (mode != OFF && !activeProfiles.contains(PROFILE)) {
      throw new IllegalStateException(
          "liaison.gateway.test.flip-byte="
              + value
              + " is a test mode that corrupts envelopes; it is refused unless the gateway runs"
              + " under the '"
              + PROFILE
              + "' profile (active: "
              + activeProfiles
              + ")");
    }
    return mode;
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

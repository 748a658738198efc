package org.liaison.gateway.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.liaison.gateway.relay.InspectedEnvelope;

class RelayLogTest {

  private static final InspectedEnvelope ENVELOPE =
      new InspectedEnvelope(
          "us.ice",
          "node-1",
          "us.dea",
          "node-1",
          "dea-ice-2024",
          "NARCOTICS",
          "0123456789abcdef0123456789abcdef",
          1_800_000_000_000L,
          1_234);

  @Test
  void theRelayedLine_isTheOneTheFormatWrote_forEveryDuration() {
    for (long nanos :
        new long[] {0, 4_999, 5_000, 99_999, 100_000, 1_234_567, 1_995_000, 12_345_678_901L}) {
      String formatted =
          String.format(
              Locale.ROOT,
              "relayed %s %s/%s -> %s/%s agreement=%s purpose=%s id=%s bytes=%d answer=%d in %.2f ms",
              "out",
              ENVELOPE.senderAgency(),
              ENVELOPE.senderNode(),
              ENVELOPE.recipientAgency(),
              ENVELOPE.recipientNode(),
              ENVELOPE.agreementId(),
              ENVELOPE.purpose(),
              ENVELOPE.messageId(),
              ENVELOPE.sizeBytes(),
              567,
              nanos / 1e6);
      assertThat(RelayLog.relayedLine("out", ENVELOPE, 567, nanos))
          .as("%d ns", nanos)
          .isEqualTo(formatted);
    }
  }
}

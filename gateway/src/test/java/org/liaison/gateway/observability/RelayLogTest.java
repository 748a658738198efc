package org.liaison.gateway.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.liaison.gateway.relay.InspectedEnvelope;
import org.liaison.wire.transport.PeerIdentity;
import org.liaison.wire.v1.Reason;

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

  @Test
  void meters_registeredOnce_countEveryEnvelope_byDirectionPartnerAndOutcome() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    RelayLog log = new RelayLog(registry);
    for (int i = 0; i < 3; i++) {
      log.relayed("out", ENVELOPE, 100, 2_000_000);
    }
    log.relayed("in", ENVELOPE, 100, 4_000_000);
    PeerIdentity dea = new PeerIdentity("us.dea", "gateway", "gateway.us.dea", null);
    log.refused("in", dea, null, null, Reason.REPLAYED_MESSAGE, "a replay");
    log.refused("in", dea, null, null, Reason.REPLAYED_MESSAGE, "a replay");

    assertThat(
            registry
                .get("liaison.gateway.envelopes")
                .tags("direction", "out", "partner", "us.dea", "outcome", "relayed")
                .counter()
                .count())
        .isEqualTo(3.0);
    assertThat(
            registry
                .get("liaison.gateway.envelopes")
                .tags("direction", "in", "partner", "us.ice", "outcome", "relayed")
                .counter()
                .count())
        .isEqualTo(1.0);
    assertThat(
            registry
                .get("liaison.gateway.envelopes")
                .tags("direction", "in", "partner", "us.dea", "outcome", "REPLAYED_MESSAGE")
                .counter()
                .count())
        .isEqualTo(2.0);
    var out =
        registry.get("liaison.gateway.relay").tags("direction", "out", "partner", "us.dea").timer();
    assertThat(out.count()).isEqualTo(3);
    assertThat(out.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(6.0);
    assertThat(registry.get("liaison.gateway.relay").timers()).hasSize(2);
  }
}

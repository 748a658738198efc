package org.liaison.wire.oprf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.liaison.wire.v1.Reason;

class OprfKeyRingTest {
  private static final byte[] MASTER = "0123456789abcdef0123456789abcdef".getBytes();
  private static final Instant WED = Instant.parse("2026-03-11T12:00:00Z");

  private static OprfKeyRing ring(Instant now) {
    return new OprfKeyRing(MASTER, OprfMode.VOPRF, Clock.fixed(now, ZoneOffset.UTC));
  }

  @Test
  void key_isDeriveKeyPairWithPartnerAndEpochInInfo() {
    OprfKeyRing ring = ring(WED);
    long epoch = ring.currentEpoch();
    assertThat(ring.currentKey("us.ice"))
        .isEqualTo(
            OprfKeyPair.derive(OprfMode.VOPRF, MASTER, "liaison-deconfliction/us.ice/" + epoch));
  }

  @Test
  void key_differsPerPartnerAndPerEpoch() {
    OprfKeyRing ring = ring(WED);
    long e = ring.currentEpoch();
    assertThat(ring.key("us.ice", e)).isNotEqualTo(ring.key("us.dea", e));
    assertThat(ring.key("us.ice", e)).isNotEqualTo(ring.key("us.ice", e - 1));
    assertThat(ring(WED).key("us.ice", e)).isEqualTo(ring.key("us.ice", e));
  }

  @Test
  void epochAt_startsOnMondayMidnightUtc() {
    long e = OprfKeyRing.epochAt(WED);
    assertThat(OprfKeyRing.epochStart(e)).isEqualTo(Instant.parse("2026-03-09T00:00:00Z"));
    assertThat(OprfKeyRing.epochAt(Instant.parse("2026-03-08T23:59:59Z"))).isEqualTo(e - 1);
    assertThat(OprfKeyRing.epochAt(Instant.parse("2026-03-15T23:59:59Z"))).isEqualTo(e);
  }

  @Test
  void key_afterRotation_previousEpochInGraceOlderAndFutureRefused() {
    long e = OprfKeyRing.epochAt(WED);
    OprfKeyRing nextWeek = ring(WED.plusSeconds(7 * 86_400));
    assertThat(nextWeek.currentEpoch()).isEqualTo(e + 1);
    assertThat(nextWeek.accepts(e)).isTrue();
    assertThat(nextWeek.key("us.ice", e)).isEqualTo(ring(WED).key("us.ice", e));
    assertThatThrownBy(() -> nextWeek.key("us.ice", e - 1))
        .extracting(x -> ((OprfException) x).reason())
        .isEqualTo(Reason.MESSAGE_EXPIRED);
    assertThatThrownBy(() -> nextWeek.key("us.ice", e + 2))
        .extracting(x -> ((OprfException) x).reason())
        .isEqualTo(Reason.MESSAGE_NOT_YET_VALID);
  }

  @Test
  void key_malformedAgencyId_isRefused() {
    OprfKeyRing ring = ring(WED);
    assertThatThrownBy(() -> ring.currentKey("us.ice/1")).hasMessageContaining("lower-case dotted");
    assertThatThrownBy(() -> ring.currentKey("US.ICE")).isInstanceOf(OprfException.class);
  }

  @Test
  void constructor_shortMasterSeed_isRefused() {
    assertThatThrownBy(() -> new OprfKeyRing(new byte[31], OprfMode.OPRF, Clock.systemUTC()))
        .hasMessageContaining("32 bytes");
  }
}

package org.liaison.gateway.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TamperModeTest {
  @Test
  void tamperingIsRefusedUnderAProductionProfile() {
    assertThatThrownBy(() -> TamperMode.configured("inbound", List.of("prod")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("tamper-test");
    assertThatThrownBy(() -> TamperMode.configured("outbound", List.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("liaison.gateway.test.flip-byte=outbound is a test mode")
        .hasMessageContaining("tamper-test");
  }

  @Test
  void offIsFineAnywhere_andTheTestProfileMayTamper() {
    assertThat(TamperMode.configured("off", List.of("prod"))).isEqualTo(TamperMode.OFF);
    assertThat(TamperMode.configured("inbound", List.of("tamper-test")))
        .isEqualTo(TamperMode.INBOUND);
  }
}

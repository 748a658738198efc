package org.liaison.wire.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PartnerConcurrencyTest {
  @Test
  void aPartnerOverItsLimitIsRefusedAtOnce_whileAnotherStillEnters() {
    PartnerConcurrency limits = new PartnerConcurrency(3);
    List<PartnerConcurrency.Slot> flood = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      flood.add(limits.tryEnter("us.dea").orElseThrow());
    }

    assertThat(limits.tryEnter("us.dea")).isEmpty();
    assertThat(limits.tryEnter("us.cbp")).isPresent();

    flood.get(0).close();
    flood.get(0).close(); // closing twice frees one slot, not two
    assertThat(limits.tryEnter("us.dea")).isPresent();
    assertThat(limits.tryEnter("us.dea")).isEmpty();
  }
}

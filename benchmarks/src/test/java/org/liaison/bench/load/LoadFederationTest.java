package org.liaison.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LoadFederationTest {
  @Test
  void aLoadRunsAgreement_allowsAHundredTimesTheReferenceQuotas_andSaysWhenItCannot() {
    String text = "rate_limits:\n  queries_per_day: 20000\n  deconfliction_probes_per_day: 50000\n";

    assertThat(LoadFederation.loadQuotas(text))
        .contains("queries_per_day: 2000000", "deconfliction_probes_per_day: 5000000");
    assertThatThrownBy(() -> LoadFederation.loadQuotas("rate_limits:\n  queries_per_day: 10\n"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("queries_per_day: 20000");
  }
}

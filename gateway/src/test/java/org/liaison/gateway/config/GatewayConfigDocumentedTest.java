package org.liaison.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.liaison.testing.ConfigTable;

/** The runbook's configuration table says exactly what {@link GatewayConfig} reads. */
class GatewayConfigDocumentedTest {

  @Test
  void everyGatewayKeyIsInTheRunbookWithItsDefault_andTheRunbookNamesNoOtherLiaisonKey()
      throws Exception {
    Map<String, String> code = ConfigTable.keysOf(GatewayConfig.class);
    Map<String, String> documented =
        ConfigTable.runbook("gateway").entrySet().stream()
            .filter(e -> e.getKey().startsWith("liaison."))
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    assertThat(documented).containsExactlyInAnyOrderEntriesOf(code);
  }
}

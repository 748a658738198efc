package org.liaison.node.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.liaison.testing.ConfigTable;

/** The runbook's configuration table says exactly what {@link NodeConfig} reads. */
class NodeConfigDocumentedTest {

  @Test
  void everyNodeKeyIsInTheRunbookWithItsDefault_andTheRunbookNamesNoOtherLiaisonKey()
      throws Exception {
    Map<String, String> code = ConfigTable.keysOf(NodeConfig.class);
    Map<String, String> documented =
        ConfigTable.runbook("node").entrySet().stream()
            .filter(e -> e.getKey().startsWith("liaison."))
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    // the import and backup folders' defaults are computed from the data folder, not a fixed value
    documented.computeIfPresent("liaison.import.dir", (k, v) -> ConfigTable.NO_DEFAULT);
    documented.computeIfPresent("liaison.backup.dir", (k, v) -> ConfigTable.NO_DEFAULT);
    assertThat(documented).containsExactlyInAnyOrderEntriesOf(code);
  }
}

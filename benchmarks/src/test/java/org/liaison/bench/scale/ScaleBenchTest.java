package org.liaison.bench.scale;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark at a small size against real node and gateway processes: every generated line is
 * accepted by the node's importer ({@code liaison import} exits 0 only then), every lookup finds
 * what it should (the bench throws otherwise), and the figures are read from the running node and
 * its database.
 */
class ScaleBenchTest {
  @TempDir Path dir;

  @Test
  void aGeneratedAgencyImportsWithoutRejectionsAndItsPersonsAreFoundByPartners() throws Exception {
    ScaleReport report = ScaleBench.run(dir, 400, "256m", 10, null);

    assertThat(report.importResult()).contains("Imported " + report.agency().lines() + " of");
    assertThat(report.importResult()).doesNotContain("rejected");
    // the node's own counts: the generated agency (plus us.dea's reference seed records)
    assertThat(report.stored()[0]).isGreaterThanOrEqualTo(report.agency().cases());
    assertThat(report.stored()[1]).isGreaterThanOrEqualTo(report.agency().records());
    assertThat(report.stored()[2]).isGreaterThanOrEqualTo(report.agency().identifiers());
    assertThat(report.lookups())
        .containsKeys(
            "identifier query", "name + date of birth query", "query, no match", "target check");
    assertThat(report.database().tables().get("SUBJECTS").rows()).isGreaterThanOrEqualTo(400);
    assertThat(report.afterLookups().rssKiB()).isPositive();
    // the file is measured once the node's store housekeeping has nothing left to do
    assertThat(report.liveFile().settled()).isTrue();
    assertThat(report.liveFile().fileBytes()).isPositive();
    assertThat(ScaleReport.table(java.util.List.of(report))).contains("table SUBJECTS");
  }
}

package org.liaison.node.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.liaison.node.records.BatchImport;

@QuarkusTest
class StoreHousekeepingTest {
  @Inject BatchImport batches;
  @Inject StoreHousekeeping housekeeping;

  @Test
  void manySmallCommits_leaveMostlyDeadChunks_andARoundCompactsTheFileBackDown() throws Exception {
    batches.importBatch(
        List.of(
            new BatchImport.Item(
                1,
                "{\"kind\":\"case\",\"caseNumber\":\"T-HOUSEKEEPING-1\",\"agency\":\"us.test\","
                    + "\"agent\":{\"name\":\"SA Test\"},\"crimeCategories\":[\"FRAUD\"]}")));
    // one commit per line: each commit rewrites the index pages it touched in a new chunk
    for (int n = 0; n < 1500; n++) {
      batches.importBatch(
          List.of(
              new BatchImport.Item(
                  n + 2,
                  "{\"kind\":\"subject\",\"id\":\"t-housekeeping-"
                      + n
                      + "\",\"case\":\"T-HOUSEKEEPING-1\",\"type\":\"PHONE\",\"identifiers\":"
                      + "[{\"type\":\"PHONE\",\"value\":\"+1 202 556 "
                      + String.format("%04d", n)
                      + "\"}]}")));
    }

    StoreHousekeeping.Round round = housekeeping.compactIfSparse();

    assertThat(round).as("the node's database is an H2 file").isNotNull();
    assertThat(Math.min(round.liveChunksPercent(), round.usedFilePercent()))
        .as("commits leave the store mostly dead chunks (no background writer)")
        .isLessThan(StoreHousekeeping.COMPACT_BELOW_FILL);
    assertThat(round.compacted()).isTrue();
    assertThat(round.fileAfter()).isLessThan(round.fileBefore());
    StoreHousekeeping.Round next = housekeeping.compactIfSparse();
    assertThat(next.fileAfter()).isLessThanOrEqualTo(round.fileAfter());
  }
}

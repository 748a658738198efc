package org.liaison.node.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.liaison.node.runtime.Activity;

class ImportActivityTest {
  private final AtomicLong now = new AtomicLong(1_000_000);
  private final ImportActivity activity = new ImportActivity(now::get);

  @Test
  void busyWhileABatchIsStored_andForAQuietPeriodAfter() {
    assertThat(activity.busy()).isFalse();
    Activity.Piece batch = activity.batch();
    now.addAndGet(60_000); // a batch may take long: busy until it ends
    assertThat(activity.busy()).isTrue();
    batch.close();
    now.addAndGet(ImportActivity.QUIET_MS - 1);
    assertThat(activity.busy()).as("the next batch is near").isTrue();
    now.addAndGet(1);
    assertThat(activity.busy()).isFalse();
  }

  @Test
  void workWaitsWhileImportsRun_butNeverLongerThanItsBound() {
    ImportActivity.Deferral filters = activity.deferral(30_000);
    assertThat(filters.holdBack()).as("no import: the work runs at once").isFalse();

    // first held back after the first batch; then 29 s more of batches
    for (int batch = 0; batch < 30; batch++) {
      try (Activity.Piece piece = activity.batch()) {
        now.addAndGet(1_000);
      }
      assertThat(filters.holdBack()).as("waited %d s", batch).isTrue();
    }
    try (Activity.Piece piece = activity.batch()) {
      now.addAndGet(1_000);
      assertThat(filters.holdBack()).as("30 s waited: a long import lets the work run").isFalse();
      assertThat(filters.holdBack()).as("and the next round waits again").isTrue();
    }

    now.addAndGet(ImportActivity.QUIET_MS);
    assertThat(filters.holdBack()).as("the import has paused").isFalse();
  }
}

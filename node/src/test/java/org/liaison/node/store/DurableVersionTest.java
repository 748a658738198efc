package org.liaison.node.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableVersionTest {
  @TempDir Path dir;

  /** A store as the node's H2 runs it: no background writer, every commit written at once. */
  private MVStore open(String name, int retentionMs) {
    MVStore store =
        new MVStore.Builder().fileName(dir.resolve(name).toString()).autoCommitDisabled().open();
    store.setRetentionTime(retentionMs);
    store.setVersionsToKeep(0); // as H2's database sets it: only versions in use are kept
    return store;
  }

  /** Commits that each rewrite the same rows, so each leaves the chunks before it dead. */
  private static void rewrite(MVStore store, MVMap<Integer, String> rows, int commits) {
    for (int c = 0; c < commits; c++) {
      for (int k = 0; k < 50; k++) {
        rows.put(k, "row " + k + " of commit " + c + " ".repeat(200));
      }
      store.commit();
    }
  }

  private static Set<String> chunks(MVStore store) {
    Set<String> ids = new TreeSet<>();
    store.getLayoutMap().keySet().stream().filter(k -> k.startsWith("chunk.")).forEach(ids::add);
    return ids;
  }

  @Test
  void deadChunks_areKeptUntilTheCommitsThatEmptiedThemAreFlushed_thenReused() {
    MVStore store = open("held.mv.db", 0);
    DurableVersion durable = new DurableVersion(store);
    try {
      MVMap<Integer, String> rows = store.openMap("rows");
      rewrite(store, rows, 1);
      durable.flush();
      rewrite(store, rows, 20); // each commit empties the chunks before it; none is forced yet
      Set<String> unflushed = chunks(store);
      assertThat(unflushed)
          .as("chunks emptied by commits that are not on the disk yet are all kept")
          .hasSizeGreaterThanOrEqualTo(19);

      durable.flush();
      rewrite(store, rows, 1); // the next commit gives up what is now safe to overwrite
      Set<String> kept = chunks(store);
      kept.retainAll(unflushed);
      assertThat(kept)
          .as("once the commits that emptied them are on the disk, the chunks are given up")
          .hasSizeLessThanOrEqualTo(2);
    } finally {
      durable.release();
      store.close();
    }
  }

  @Test
  void withoutAHeldVersion_andNoRetention_deadChunksAreGivenUpAtOnce() {
    MVStore store = open("unheld.mv.db", 0);
    try {
      MVMap<Integer, String> rows = store.openMap("rows");
      rewrite(store, rows, 21);
      assertThat(chunks(store))
          .as("what the held version is for: without it H2 would overwrite them unflushed")
          .hasSizeLessThanOrEqualTo(3);
    } finally {
      store.close();
    }
  }

  @Test
  void withAFlushPerBatch_theFileStaysTheSizeOfItsData_whereH2sDefaultRetentionLetsItGrow() {
    long held = sizeAfterBatches("held.mv.db", 0);
    long retained = sizeAfterBatches("retained.mv.db", 45_000);
    assertThat(held)
        .as("file after 300 flushed batches with a held durable version, vs. 45 s retention")
        .isLessThan(retained / 4);
  }

  private long sizeAfterBatches(String name, int retentionMs) {
    MVStore store = open(name, retentionMs);
    DurableVersion durable = new DurableVersion(store);
    try {
      MVMap<Integer, String> rows = store.openMap("rows");
      for (int batch = 0; batch < 300; batch++) {
        rewrite(store, rows, 1);
        durable.flush();
      }
      return store.getFileStore().size();
    } finally {
      durable.release();
      store.close();
    }
  }

  @Test
  void theHeldVersion_movesForwardWithEachFlush() {
    MVStore store = open("forward.mv.db", 0);
    DurableVersion durable = new DurableVersion(store);
    try {
      assertThat(durable.version()).isEqualTo(-1);
      MVMap<Integer, String> rows = store.openMap("rows");
      rewrite(store, rows, 1);
      durable.flush();
      long first = durable.version();
      rewrite(store, rows, 3);
      durable.flush();
      assertThat(durable.version()).isGreaterThan(first);
      assertThat(durable.version()).isLessThanOrEqualTo(store.getCurrentVersion());
    } finally {
      durable.release();
      store.close();
    }
  }
}

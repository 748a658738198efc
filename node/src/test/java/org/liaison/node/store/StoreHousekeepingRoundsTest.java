package org.liaison.node.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Random;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The housekeeping's rounds on a real H2 file that many small commits left sparse. */
class StoreHousekeepingRoundsTest {
  @TempDir Path dir;

  @Test
  void roundsOnASparseFile_endWhenItIsMostlyUsed_andTheFileIsSmaller() throws Exception {
    try (Connection c =
        DriverManager.getConnection(
            "jdbc:h2:file:" + dir.resolve("node") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0",
            "",
            "")) {
      MVStore store =
          ((SessionLocal) c.unwrap(JdbcConnection.class).getSession())
              .getDatabase()
              .getStore()
              .getMvStore();
      store.setRetentionTime(0);
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE rows (id BIGINT PRIMARY KEY, prf BINARY(16), ref VARCHAR(100))");
        s.execute("CREATE INDEX rows_by_prf ON rows (prf)");
      }
      // random keys in small commits, as a held filter catching up writes them: every commit
      // rewrites the index pages it touched, and the chunks before it are left mostly dead
      c.setAutoCommit(false);
      Random random = new Random(65);
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO rows VALUES (?, ?, ?)")) {
        for (int n = 0; n < 40_000; n++) {
          byte[] prf = new byte[16];
          random.nextBytes(prf);
          insert.setLong(1, random.nextLong());
          insert.setBytes(2, prf);
          insert.setString(3, "case-" + n);
          insert.addBatch();
          if (n % 100 == 99) {
            insert.executeBatch();
            c.commit();
          }
        }
      }
      c.setAutoCommit(true);
      StoreHousekeeping.Round first = round(store);
      assertThat(first.compacted()).as("a sparse file is compacted: %s", first).isTrue();

      StoreHousekeeping.Round last = first;
      for (int n = 0; n < 200 && last.compacted(); n++) {
        last = round(store);
      }

      assertThat(last.compacted()).as("the rounds end: %s", last).isFalse();
      assertThat(last.usedFilePercent())
          .as("share of the file in chunks when the rounds end")
          .isGreaterThanOrEqualTo(StoreHousekeeping.COMPACT_BELOW_USED_FILE);
      assertThat(last.liveChunksPercent())
          .isGreaterThanOrEqualTo(StoreHousekeeping.COMPACT_BELOW_LIVE_CHUNKS);
      assertThat(last.fileAfter())
          .as("file when the rounds end, against before them (bytes)")
          .isLessThan(first.fileBefore() / 2);
    }
  }

  /** A housekeeping round, then the commit its next round's flush would make. */
  private static StoreHousekeeping.Round round(MVStore store) {
    StoreHousekeeping.Round round = StoreHousekeeping.compactIfSparse(store, 1 << 20);
    store.commit();
    return round;
  }

  @Test
  void aFileAThirdHoles_isCompacted_evenWithItsChunksMostlyLive() {
    // where the 200,000-subject file stopped with the old rule (60 % for both): 64 % / 66 %
    assertThat(StoreHousekeeping.sparse(64, 66)).isTrue();
    assertThat(StoreHousekeeping.sparse(58, 90)).isTrue();
    assertThat(StoreHousekeeping.sparse(65, 86)).isFalse();
  }
}

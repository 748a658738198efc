package org.liaison.node.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.liaison.node.config.NodeConfig;

@QuarkusTest
class StoreDurabilityTest {
  @Inject AgroalDataSource dataSource;
  @Inject StoreDurability durability;
  @Inject NodeConfig config;

  private static final int H2_DEFAULT_RETENTION_MS = 45_000;

  @Test
  void aDatabaseH2ClosedAndOpenedAgain_isForcedLikeTheFirst() throws Exception {
    MVStore first = EmbeddedStore.of(dataSource);
    durability.flushCommitted();
    assertThat(first.getRetentionTime()).isEqualTo(config.store().retentionMs());

    // the pool lets every connection go: H2 closes the database with the last one (the flush of
    // idle connections runs on the pool's own thread)
    for (int n = 0; n < 100 && !first.isClosed(); n++) {
      dataSource.flush(AgroalDataSource.FlushMode.IDLE);
      Thread.sleep(100);
    }
    assertThat(first.isClosed()).as("H2 closed the database with its last connection").isTrue();

    durability.flushCommitted();
    MVStore reopened = EmbeddedStore.of(dataSource);
    assertThat(reopened).isNotSameAs(first);
    assertThat(reopened.getRetentionTime())
        .as("the reopened store is forced and reuses dead chunks once on the disk (decision 0038)")
        .isEqualTo(config.store().retentionMs())
        .isNotEqualTo(H2_DEFAULT_RETENTION_MS);
  }
}

package org.liaison.cluster.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.liaison.wire.v1.PartnerAnswer;

/** The bookkeeping of the officers who query while an acceptance test changes something. */
class QueriesUnderChangeTest {

  @Test
  void everyQueryIsCounted_underItsOwnCaseReference_andThoseNotAnsweredAreListedWithWhatTheyGot()
      throws Exception {
    AtomicInteger calls = new AtomicInteger();
    try (QueriesUnderChange queries =
        new QueriesUnderChange()
            .officer("ICE-", caseRef -> slowly(PartnerAnswer.Status.MATCH))
            .officer(
                "DEA-",
                caseRef -> {
                  if (calls.incrementAndGet() % 2 == 0) {
                    throw new IllegalStateException("gateway down");
                  }
                  return slowly(PartnerAnswer.Status.UNAVAILABLE);
                })) {
      assertThat(queries.awaitCount(10, Duration.ofSeconds(30))).isTrue();
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (calls.get() < 2 && System.nanoTime() < until) {
        Thread.sleep(10); // DEA's officer pauses 200 ms after each query it did not get answered
      }
      Map<String, String> outcomes = queries.stop();
      int ended = queries.count();
      Thread.sleep(300);
      assertThat(queries.count()).as("no query after stop()").isEqualTo(ended);

      assertThat(outcomes).hasSize(ended);
      // one counter for all officers: no two queries share a number
      List<String> numbers =
          outcomes.keySet().stream().map(k -> k.substring(k.indexOf('-') + 1)).toList();
      assertThat(numbers).doesNotHaveDuplicates();
      assertThat(outcomes)
          .allSatisfy(
              (caseRef, got) -> {
                if (caseRef.startsWith("ICE-")) {
                  assertThat(got).isEqualTo("MATCH");
                } else {
                  assertThat(caseRef).startsWith("DEA-");
                  assertThat(got).matches("(?s)UNAVAILABLE .+|.*gateway down.*");
                }
              });
      List<String> failed = queries.failed();
      assertThat(failed)
          .hasSize((int) outcomes.keySet().stream().filter(k -> k.startsWith("DEA-")).count())
          .allMatch(f -> f.startsWith("DEA-"));
      assertThat(failed)
          .anyMatch(f -> f.contains("UNAVAILABLE"))
          .anyMatch(f -> f.contains("gateway down"));
    }
  }

  @Test
  void awaitCount_isFalseWhenTheQueriesDoNotEndInTime_andClosingStopsTheOfficers()
      throws Exception {
    CountDownLatch interrupted = new CountDownLatch(1);
    QueriesUnderChange queries =
        new QueriesUnderChange()
            .officer(
                "ICE-",
                caseRef -> {
                  try {
                    Thread.sleep(60_000);
                  } catch (InterruptedException e) {
                    interrupted.countDown();
                    Thread.currentThread().interrupt();
                  }
                  return slowly(PartnerAnswer.Status.MATCH);
                });
    assertThat(queries.awaitCount(1, Duration.ofMillis(200))).isFalse();
    assertThat(queries.count()).isZero();
    queries.close();
    assertThat(interrupted.await(10, TimeUnit.SECONDS)).as("the officer was interrupted").isTrue();
  }

  private static PartnerAnswer slowly(PartnerAnswer.Status status) {
    try {
      Thread.sleep(1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return PartnerAnswer.newBuilder().setPartnerAgency("us.dea").setStatus(status).build();
  }
}

package org.liaison.node.deconfliction.filters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.google.protobuf.ByteString;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.liaison.node.deconfliction.LoopbackProfile;
import org.liaison.node.deconfliction.matching.OprfKeys;
import org.liaison.node.deconfliction.targets.HoldableActiveTargets;
import org.liaison.node.partners.PartnerAgreement;
import org.liaison.node.records.ImportService;
import org.liaison.wire.v1.MatchKind;

/**
 * A partner's filter request made while the background catch-up is bringing its filter up to date
 * (a change outside an import) waits for that catch-up, up to {@link HeldFilters#CATCH_UP_WAIT},
 * and is answered from the caught-up filter; once the wait has passed it is answered from the
 * filter as it stands. The catch-up is the node's own, held at its read of the records (real
 * database); the partner is this node asking itself through the loopback, with the partner's own
 * filter client.
 */
@QuarkusTest
@TestProfile(LoopbackProfile.class)
class HeldFiltersCatchUpTest {
  private static final PartnerAgreement PARTNER =
      new PartnerAgreement(LoopbackProfile.PARTNER, LoopbackProfile.AGREEMENT);
  private static final Duration LONG_ENOUGH = Duration.ofSeconds(30);

  @Inject ImportService imports;
  @Inject HoldableActiveTargets targets;
  @Inject PartnerFilters partnerFilters;
  @Inject OprfKeys keys;

  @Test
  void aRequestDuringACatchUp_waitsForIt_andIsAnsweredFromTheCaughtUpFilter() throws Exception {
    importLine(activeCase("T-CU-WAIT"));
    partnerAsks().answerWithin(LONG_ENOUGH); // the partner holds the filter as it is now

    PartnerFilters.Cached answered;
    try (HoldableActiveTargets.Hold catchUp = targets.holdNextCatchUp()) {
      ByteString added = importPhone("T-CU-WAIT", "cu-wait-phone", "+1 305 555 0171");
      assertThat(catchUp.awaitReached(LONG_ENOUGH)).as("the catch-up of the change ran").isTrue();

      Request request = partnerAsks();
      request.awaitWaitingForTheCatchUp();
      catchUp.release();
      answered = request.answerWithin(LONG_ENOUGH);

      assertThat(holds(answered, added)).as("the answer holds the change caught up").isTrue();
    }
  }

  @Test
  void aRequestOutlastingTheWait_isAnsweredFromTheFilterAsItStands_andTheNextOneSeesTheChange()
      throws Exception {
    importLine(activeCase("T-CU-PAST"));
    PartnerFilters.Cached before = partnerAsks().answerWithin(LONG_ENOUGH);

    try (HoldableActiveTargets.Hold catchUp = targets.holdNextCatchUp()) {
      ByteString added = importPhone("T-CU-PAST", "cu-past-phone", "+1 305 555 0172");
      assertThat(catchUp.awaitReached(LONG_ENOUGH)).as("the catch-up of the change ran").isTrue();

      long started = System.nanoTime();
      Request request = partnerAsks();
      request.awaitWaitingForTheCatchUp();
      PartnerFilters.Cached stale = request.answerWithin(LONG_ENOUGH);
      long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

      assertThat(tookMs).as("waited the whole wait").isGreaterThanOrEqualTo(waitMs());
      assertThat(stale.filterId()).isEqualTo(before.filterId());
      assertThat(stale.filter().generation()).isEqualTo(before.filter().generation());
      assertThat(holds(stale, added)).as("answered before the catch-up").isFalse();

      catchUp.release();
      assertThat(awaitHeld(added)).as("a request after the catch-up sees the change").isTrue();
    }
  }

  private static long waitMs() {
    return HeldFilters.CATCH_UP_WAIT.toMillis();
  }

  /** Asks until the partner's filter holds {@code input} (a request may wait for the catch-up). */
  private boolean awaitHeld(ByteString input) throws Exception {
    long until = System.nanoTime() + LONG_ENOUGH.toNanos();
    while (System.nanoTime() < until) {
      if (holds(partnerAsks().answerWithin(LONG_ENOUGH), input)) {
        return true;
      }
      Thread.sleep(50);
    }
    return false;
  }

  /** Whether the partner's copy of the filter holds the PRF value of {@code input}. */
  private boolean holds(PartnerFilters.Cached filter, ByteString input) {
    byte[] prf =
        keys.ring().server(LoopbackProfile.PARTNER, filter.epoch()).evaluate(input.toByteArray());
    return filter.filter().mightContain(prf);
  }

  /** The partner's filter request, on a thread of its own so that the test can see it wait. */
  private Request partnerAsks() {
    FutureTask<PartnerFilters.Cached> answer =
        new FutureTask<>(
            () -> partnerFilters.refresh(PARTNER, MatchKind.TARGET, "officer-cu", 30_000).join());
    Thread thread = new Thread(answer, "partner filter request");
    thread.start();
    return new Request(thread, answer);
  }

  private record Request(Thread thread, FutureTask<PartnerFilters.Cached> answer) {
    PartnerFilters.Cached answerWithin(Duration wait) throws Exception {
      return answer.get(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Returns once the request waits for the filter's lock, which the catch-up holds. */
    void awaitWaitingForTheCatchUp() throws InterruptedException {
      long until = System.nanoTime() + LONG_ENOUGH.toNanos();
      while (!Arrays.stream(thread.getStackTrace())
          .anyMatch(
              f ->
                  f.getClassName().equals(HeldFilters.class.getName())
                      && f.getMethodName().equals("lockWithin"))) {
        if (answer.isDone()) {
          fail("the request was answered without waiting for the catch-up");
        }
        if (System.nanoTime() > until) {
          fail("the request never waited for the catch-up");
        }
        Thread.sleep(1);
      }
    }
  }

  private static String activeCase(String caseNumber) {
    return "{\"kind\":\"case\",\"caseNumber\":\""
        + caseNumber
        + "\",\"agency\":\"us.test\",\"agent\":{\"name\":\"Agent Catch-up\"},"
        + "\"crimeCategories\":[\"DRUG_TRAFFICKING\"],\"status\":\"ACTIVE\"}";
  }

  private ByteString importPhone(String caseNumber, String id, String phone) {
    return LinesImported.phone(imports, caseNumber, id, phone);
  }

  private void importLine(String line) {
    LinesImported.line(imports, line);
  }
}

package org.liaison.node.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.liaison.wire.transport.Refusals;
import org.liaison.wire.v1.Reason;

/** Answers from many partners' threads on one response stream, then its end. */
class AnswerStreamTest {
  @Test
  void answersFromManyThreads_allArrive_thenTheEnd() throws InterruptedException {
    RecordedCall<Integer> call = new RecordedCall<>();
    AnswerStream<Integer> stream = new AnswerStream<>(call, "the check failed");
    List<Thread> partners = new ArrayList<>();
    for (int p = 0; p < 8; p++) {
      int partner = p;
      partners.add(
          new Thread(
              () -> {
                for (int i = 0; i < 1_000; i++) {
                  stream.next(partner * 1_000 + i);
                }
              }));
    }
    partners.forEach(Thread::start);
    for (Thread t : partners) {
      t.join();
    }
    stream.complete(null);

    assertThat(call.answers).hasSize(8_000).doesNotHaveDuplicates();
    assertThat(call.completed).isEqualTo(1);
    assertThat(call.errors).isEmpty();
  }

  @Test
  void afterTheEnd_nothingMoreIsSent() {
    RecordedCall<Integer> call = new RecordedCall<>();
    AnswerStream<Integer> stream = new AnswerStream<>(call, "the check failed");
    stream.next(1);
    stream.complete(null);
    stream.next(2);
    stream.complete(new IllegalStateException("late"));

    assertThat(call.answers).containsExactly(1);
    assertThat(call.completed).isEqualTo(1);
    assertThat(call.errors).isEmpty();
  }

  @Test
  void aFailure_endsTheCallAsInternal_withOurReasonAndWhatFailed() {
    RecordedCall<Integer> call = new RecordedCall<>();
    AnswerStream<Integer> stream = new AnswerStream<>(call, "the event check failed");
    stream.complete(new IllegalStateException("the fan-out stopped"));

    assertThat(call.completed).isZero();
    assertThat(call.errors).hasSize(1);
    StatusRuntimeException e = (StatusRuntimeException) call.errors.get(0);
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
    assertThat(Refusals.reasonOf(e)).contains(Reason.INTERNAL);
    assertThat(e.getStatus().getDescription())
        .matches(
            ".*the event check failed on this node; its log holds the cause under reference"
                + " [0-9a-f]{8}: try again, .*")
        .as("the exception's text is the log's, not the officer's")
        .doesNotContain("IllegalStateException", "the fan-out stopped");
  }
}

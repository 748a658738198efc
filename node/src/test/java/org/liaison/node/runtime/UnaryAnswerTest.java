package org.liaison.node.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;

/** What a call receives from {@link UnaryAnswer#send}: the result and the end, or the refusal. */
class UnaryAnswerTest {
  private static StatusRuntimeException invalid(RuntimeException e) {
    return e instanceof IllegalArgumentException
        ? Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException()
        : null;
  }

  @Test
  void theResultThenTheEnd() {
    RecordedCall<String> call = new RecordedCall<>();
    UnaryAnswer.send(call, () -> "report", UnaryAnswerTest::invalid);
    assertThat(call.answers).containsExactly("report");
    assertThat(call.completed).isEqualTo(1);
    assertThat(call.errors).isEmpty();
  }

  @Test
  void workThatStreamedItsOwnPartsOnlyEndsTheCall() {
    RecordedCall<String> call = new RecordedCall<>();
    UnaryAnswer.send(
        call,
        () -> {
          call.onNext("part 1");
          call.onNext("part 2");
          return null;
        },
        UnaryAnswerTest::invalid);
    assertThat(call.answers).containsExactly("part 1", "part 2");
    assertThat(call.completed).isEqualTo(1);
  }

  @Test
  void aFailureEndsTheCallWithTheStatusItMapsTo() {
    RecordedCall<String> call = new RecordedCall<>();
    UnaryAnswer.send(
        call,
        () -> {
          throw new IllegalArgumentException("give the entry's index");
        },
        UnaryAnswerTest::invalid);
    assertThat(call.answers).isEmpty();
    assertThat(call.completed).isZero();
    assertThat(call.errors).hasSize(1);
    assertThat(Status.fromThrowable(call.errors.get(0)).getCode())
        .isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(call.errors.get(0)).hasMessageEndingWith("give the entry's index");
  }

  @Test
  void aFailureMappedToNoStatusSendsNothingMore() {
    RecordedCall<String> call = new RecordedCall<>();
    UnaryAnswer.send(
        call,
        () -> {
          call.onNext("part 1");
          throw new IllegalStateException("the reader went away");
        },
        UnaryAnswerTest::invalid);
    assertThat(call.answers).containsExactly("part 1");
    assertThat(call.completed).isZero();
    assertThat(call.errors).isEmpty();
  }
}

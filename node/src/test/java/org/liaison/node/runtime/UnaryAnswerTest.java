package org.liaison.node.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a call receives from {@link UnaryAnswer#send}: the result and the end, or the refusal. */
class UnaryAnswerTest {
  /** The call as its caller sees it, in order. */
  private static final class Call implements StreamObserver<String> {
    final List<String> events = new ArrayList<>();

    @Override
    public void onNext(String value) {
      events.add("next " + value);
    }

    @Override
    public void onError(Throwable t) {
      events.add("error " + Status.fromThrowable(t).getCode() + " " + t.getMessage());
    }

    @Override
    public void onCompleted() {
      events.add("completed");
    }
  }

  private static StatusRuntimeException invalid(RuntimeException e) {
    return e instanceof IllegalArgumentException
        ? Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException()
        : null;
  }

  @Test
  void theResultThenTheEnd() {
    Call call = new Call();
    UnaryAnswer.send(call, () -> "report", UnaryAnswerTest::invalid);
    assertThat(call.events).containsExactly("next report", "completed");
  }

  @Test
  void workThatStreamedItsOwnPartsOnlyEndsTheCall() {
    Call call = new Call();
    UnaryAnswer.send(
        call,
        () -> {
          call.onNext("part 1");
          call.onNext("part 2");
          return null;
        },
        UnaryAnswerTest::invalid);
    assertThat(call.events).containsExactly("next part 1", "next part 2", "completed");
  }

  @Test
  void aFailureEndsTheCallWithTheStatusItMapsTo() {
    Call call = new Call();
    UnaryAnswer.send(
        call,
        () -> {
          throw new IllegalArgumentException("give the entry's index");
        },
        UnaryAnswerTest::invalid);
    assertThat(call.events)
        .containsExactly("error INVALID_ARGUMENT INVALID_ARGUMENT: give the entry's index");
  }

  @Test
  void aFailureMappedToNoStatusSendsNothingMore() {
    Call call = new Call();
    UnaryAnswer.send(
        call,
        () -> {
          call.onNext("part 1");
          throw new IllegalStateException("the reader went away");
        },
        UnaryAnswerTest::invalid);
    assertThat(call.events).containsExactly("next part 1");
  }
}

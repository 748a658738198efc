package org.liaison.node.runtime;

import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * How an officers' service answers a call from the work that makes the answer: the work's result
 * and the end of the call, or the end of the call with the status its failure maps to. Each service
 * keeps its own mapping of a failure to a status (reason and sentence).
 */
public final class UnaryAnswer {
  private UnaryAnswer() {}

  /**
   * Runs {@code work}, sends its result (none when the work streamed its own parts and returned
   * null) and completes the call; or ends the call with the status {@code refusal} gives the
   * failure. A refusal of null means the call is already over (the caller went away): nothing more
   * is sent.
   */
  public static <T> void send(
      StreamObserver<T> out,
      Supplier<T> work,
      Function<RuntimeException, StatusRuntimeException> refusal) {
    T result;
    try {
      result = work.get();
    } catch (RuntimeException e) {
      StatusRuntimeException status = refusal.apply(e);
      if (status != null) {
        out.onError(status);
      }
      return;
    }
    if (result != null) {
      out.onNext(result);
    }
    out.onCompleted();
  }
}

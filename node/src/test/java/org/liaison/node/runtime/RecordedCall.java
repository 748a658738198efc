package org.liaison.node.runtime;

import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;

/**
 * A call as its caller sees it: the answers, the errors and the completions the service sent. Not
 * thread-safe, so a service that let two threads send at once would lose some of them.
 */
public final class RecordedCall<T> implements StreamObserver<T> {
  public final List<T> answers = new ArrayList<>();
  public final List<Throwable> errors = new ArrayList<>();
  public int completed;

  /** The one error the call ended with, or null; more than one is itself a failure. */
  public Throwable error() {
    if (errors.size() > 1) {
      throw new AssertionError("the call ended " + errors.size() + " times: " + errors);
    }
    return errors.isEmpty() ? null : errors.get(0);
  }

  @Override
  public void onNext(T value) {
    answers.add(value);
  }

  @Override
  public void onError(Throwable t) {
    errors.add(t);
  }

  @Override
  public void onCompleted() {
    completed++;
  }
}

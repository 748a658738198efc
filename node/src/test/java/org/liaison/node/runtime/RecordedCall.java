package org.liaison.node.runtime;

import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;

/**
 * A call as its caller sees it: the answers, the errors and the completions the service sent. Not
 * thread-safe, so a service that let two threads send at once would lose some of them.
 */
final class RecordedCall<T> implements StreamObserver<T> {
  final List<T> answers = new ArrayList<>();
  final List<Throwable> errors = new ArrayList<>();
  int completed;

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

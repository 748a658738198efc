package org.liaison.node.officer;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;

/** Lets answers that complete on different threads share one response stream safely. */
final class SerializedStream<T> {
  private final StreamObserver<T> out;
  private boolean closed;

  SerializedStream(StreamObserver<T> out) {
    this.out = out;
  }

  synchronized void next(T value) {
    if (!closed) {
      out.onNext(value);
    }
  }

  synchronized void complete(Throwable error) {
    if (closed) {
      return;
    }
    closed = true;
    if (error == null) {
      out.onCompleted();
    } else {
      out.onError(Status.INTERNAL.withDescription(error.toString()).asRuntimeException());
    }
  }
}

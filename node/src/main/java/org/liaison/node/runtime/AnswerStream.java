package org.liaison.node.runtime;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import org.liaison.wire.transport.Refusals;
import org.liaison.wire.v1.Reason;

/**
 * An officer's response stream that answers arriving on different threads (one per partner) share:
 * each is sent in turn, then the end of the call; once it has ended nothing more is sent. A fan-out
 * that failed ends the call as {@code INTERNAL}, saying what failed.
 */
public final class AnswerStream<T> {
  private final StreamObserver<T> out;
  private final String whatFailed;
  private boolean closed;

  /**
   * @param whatFailed the start of the sentence a failure ends the call with, e.g. "the event check
   *     failed"
   */
  public AnswerStream(StreamObserver<T> out, String whatFailed) {
    this.out = out;
    this.whatFailed = whatFailed;
  }

  public synchronized void next(T value) {
    if (!closed) {
      out.onNext(value);
    }
  }

  /** Ends the call: completed when {@code error} is null, else refused as an internal failure. */
  public synchronized void complete(Throwable error) {
    if (closed) {
      return;
    }
    closed = true;
    if (error == null) {
      out.onCompleted();
    } else {
      out.onError(
          Refusals.refuse(Status.Code.INTERNAL, Reason.INTERNAL, whatFailed + ": " + error));
    }
  }
}

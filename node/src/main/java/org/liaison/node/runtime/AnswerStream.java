package org.liaison.node.runtime;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;
import org.liaison.wire.transport.Refusals;
import org.liaison.wire.v1.Reason;

/**
 * An officer's response stream that answers arriving on different threads (one per partner) share:
 * each is sent in turn, then the end of the call; once it has ended nothing more is sent. A fan-out
 * that failed ends the call as {@code INTERNAL}, saying what failed and under which reference the
 * node's log holds the cause (the exception's own text is for operators, not for the officer).
 */
public final class AnswerStream<T> {
  private static final Logger LOG = Logger.getLogger(AnswerStream.class);

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
      String reference = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
      LOG.errorf(error, "%s (reference %s)", whatFailed, reference);
      out.onError(
          Refusals.refuse(
              Status.Code.INTERNAL,
              Reason.INTERNAL,
              whatFailed
                  + " on this node; its log holds the cause under reference "
                  + reference
                  + ": try again, and if it fails again give the reference to the node's"
                  + " operators"));
    }
  }
}

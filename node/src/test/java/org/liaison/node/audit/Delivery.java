package org.liaison.node.audit;

import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import org.liaison.wire.v1.Envelope;

/** What FederationService.deliver sent back on its observer. */
final class Delivery implements StreamObserver<Envelope> {
  final List<Envelope> answers = new ArrayList<>();
  Throwable error;
  boolean completed;

  @Override
  public void onNext(Envelope value) {
    answers.add(value);
  }

  @Override
  public void onError(Throwable t) {
    error = t;
  }

  @Override
  public void onCompleted() {
    completed = true;
  }
}

package org.liaison.node.deconfliction;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.liaison.node.deconfliction.alerts.AlertOutbox;
import org.liaison.node.deconfliction.events.OperationPlanner;
import org.liaison.node.deconfliction.quotas.QuotaReports;
import org.liaison.node.query.InvalidOfficerRequest;
import org.liaison.node.runtime.AnswerStream;
import org.liaison.node.runtime.OfficerApi;
import org.liaison.wire.transport.PeerIdentityInterceptor;
import org.liaison.wire.v1.AcknowledgeAnswer;
import org.liaison.wire.v1.AcknowledgeRequest;
import org.liaison.wire.v1.Alert;
import org.liaison.wire.v1.AlertsRequest;
import org.liaison.wire.v1.DeconflictionGrpc;
import org.liaison.wire.v1.EventCheckAnswer;
import org.liaison.wire.v1.PlanOperationRequest;
import org.liaison.wire.v1.QuotaReport;
import org.liaison.wire.v1.QuotaRequest;

/** The officers' de-confliction API: alerts (outbox subscription), quotas, planned operations. */
@GrpcService
@Singleton
public class DeconflictionService extends DeconflictionGrpc.DeconflictionImplBase
    implements OfficerApi {
  @Inject AlertOutbox alerts;
  @Inject QuotaReports quotas;
  @Inject OperationPlanner planner;

  @Blocking
  @Override
  public void alerts(AlertsRequest request, StreamObserver<Alert> out) {
    ServerCallStreamObserver<Alert> stream = (ServerCallStreamObserver<Alert>) out;
    String onlyCase = request.getCaseReference();
    Set<String> sent = new HashSet<>();
    Object lock = new Object();
    AutoCloseable subscription = null;
    if (request.getFollow()) {
      subscription =
          alerts.subscribe(
              a -> {
                if (!onlyCase.isBlank() && !onlyCase.equals(a.getCaseReference())) {
                  return;
                }
                synchronized (lock) {
                  if (!stream.isCancelled() && sent.add(a.getId())) {
                    stream.onNext(a);
                    alerts.delivered(a.getId());
                  }
                }
              });
      AutoCloseable s = subscription;
      stream.setOnCancelHandler(() -> close(s));
    }
    List<Alert> pending = alerts.pending(onlyCase);
    synchronized (lock) {
      for (Alert a : pending) {
        if (sent.add(a.getId())) {
          stream.onNext(a);
          alerts.delivered(a.getId());
        }
      }
      if (!request.getFollow()) {
        stream.onCompleted();
      }
    }
  }

  @Blocking
  @Override
  public void acknowledge(AcknowledgeRequest request, StreamObserver<AcknowledgeAnswer> out) {
    out.onNext(
        AcknowledgeAnswer.newBuilder()
            .setAcknowledged(alerts.acknowledge(request.getAlertIdsList()))
            .build());
    out.onCompleted();
  }

  @Blocking
  @Override
  public void quota(QuotaRequest request, StreamObserver<QuotaReport> out) {
    out.onNext(quotas.today());
    out.onCompleted();
  }

  @Blocking
  @Override
  public void planOperation(PlanOperationRequest request, StreamObserver<EventCheckAnswer> out) {
    String officer = PeerIdentityInterceptor.current().name();
    AnswerStream<EventCheckAnswer> stream = new AnswerStream<>(out, "the event check failed");
    try {
      planner
          .plan(request, officer, stream::next)
          .whenComplete((ok, error) -> stream.complete(error));
    } catch (InvalidOfficerRequest e) {
      out.onError(e.toStatus());
    }
  }

  private static void close(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception ignored) {
      // removing a subscriber cannot fail
    }
  }
}

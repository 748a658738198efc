package org.liaison.node.officer;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.liaison.node.deconfliction.TargetCheck;
import org.liaison.node.observability.ExchangeMetrics;
import org.liaison.node.query.FederatedQuery;
import org.liaison.node.query.InvalidOfficerRequest;
import org.liaison.node.query.PolicyExplainer;
import org.liaison.node.records.ImportResult;
import org.liaison.node.records.ImportService;
import org.liaison.wire.transport.Refusals;
import org.liaison.wire.v1.ImportAck;
import org.liaison.wire.v1.ImportItem;
import org.liaison.wire.v1.NodeStatus;
import org.liaison.wire.v1.OfficerCheckRequest;
import org.liaison.wire.v1.OfficerGrpc;
import org.liaison.wire.v1.OfficerQueryRequest;
import org.liaison.wire.v1.PartnerAnswer;
import org.liaison.wire.v1.PartnerCheckAnswer;
import org.liaison.wire.v1.Reason;
import org.liaison.wire.v1.StatusRequest;
import org.liaison.wire.v1.WhyAnswer;
import org.liaison.wire.v1.WhyRequest;

/**
 * The officers' API: a thin adapter from gRPC to the node's domain classes. The officer is the
 * authenticated TLS peer ({@link OfficerIdentity}): a request may leave the officer id and role out
 * or repeat them, but one naming another officer or a role not held is refused.
 */
@ApplicationScoped
public class OfficerService extends OfficerGrpc.OfficerImplBase {
  @Inject FederatedQuery query;
  @Inject TargetCheck check;
  @Inject ImportService imports;
  @Inject NodeStatusReport status;
  @Inject PolicyExplainer explainer;
  @Inject ExchangeMetrics metrics;
  @Inject OfficerIdentity identity;

  @Override
  public void query(OfficerQueryRequest request, StreamObserver<PartnerAnswer> out) {
    SerializedStream<PartnerAnswer> stream = new SerializedStream<>(out);
    try {
      OfficerQueryRequest.Builder b = request.toBuilder();
      b.setOfficerId(identity.actingAs(request.getOfficerId(), request.getCaseReference()));
      b.getQueryBuilder()
          .setOfficerRole(
              identity.role(request.getQuery().getOfficerRole(), request.getCaseReference()));
      OfficerQueryRequest r = b.build();
      query
          .run(
              r,
              a -> {
                metrics.partnerAnswer(a.getPartnerAgency(), a.getStatus().name(), a.getLatencyMs());
                stream.next(a);
              })
          .whenComplete((ok, error) -> stream.complete(error));
    } catch (InvalidOfficerRequest e) {
      out.onError(
          Refusals.refuse(Status.Code.INVALID_ARGUMENT, Reason.INVALID_ARGUMENT, e.getMessage()));
    } catch (OfficerRefusal e) {
      out.onError(Refusals.refuse(e.code(), e.reason(), e.getMessage()));
    }
  }

  @Override
  public void check(OfficerCheckRequest request, StreamObserver<PartnerCheckAnswer> out) {
    SerializedStream<PartnerCheckAnswer> stream = new SerializedStream<>(out);
    try {
      OfficerCheckRequest r =
          request.toBuilder()
              .setOfficerId(identity.actingAs(request.getOfficerId(), request.getCaseReference()))
              .build();
      check
          .onDemand(
              r,
              a -> {
                metrics.partnerAnswer(a.getPartnerAgency(), a.getStatus().name(), a.getLatencyMs());
                stream.next(a);
              })
          .whenComplete((ok, error) -> stream.complete(error));
    } catch (InvalidOfficerRequest e) {
      out.onError(
          Refusals.refuse(Status.Code.INVALID_ARGUMENT, Reason.INVALID_ARGUMENT, e.getMessage()));
    } catch (OfficerRefusal e) {
      out.onError(Refusals.refuse(e.code(), e.reason(), e.getMessage()));
    }
  }

  @Override
  public StreamObserver<ImportItem> import_(StreamObserver<ImportAck> out) {
    ServerCallStreamObserver<ImportAck> acks = (ServerCallStreamObserver<ImportAck>) out;
    return new StreamObserver<>() {
      @Override
      public void onNext(ImportItem item) {
        ImportResult result = imports.importLine(item.getLine(), item.getJson());
        ImportAck.Builder ack =
            ImportAck.newBuilder().setLine(result.line()).setAccepted(result.accepted());
        if (result.id() != null) {
          ack.setId(result.id());
        }
        if (result.reason() != null) {
          ack.setReason(result.reason());
        }
        if (result.message() != null) {
          ack.setMessage(result.message());
        }
        acks.onNext(ack.build());
      }

      @Override
      public void onError(Throwable t) {
        // the client went away; every acknowledged line is already committed
      }

      @Override
      public void onCompleted() {
        acks.onCompleted();
      }
    };
  }

  @Override
  public void status(StatusRequest request, StreamObserver<NodeStatus> out) {
    out.onNext(status.now());
    out.onCompleted();
  }

  @Override
  public void why(WhyRequest request, StreamObserver<WhyAnswer> out) {
    try {
      out.onNext(explainer.explain(request));
      out.onCompleted();
    } catch (InvalidOfficerRequest e) {
      out.onError(
          Refusals.refuse(Status.Code.INVALID_ARGUMENT, Reason.INVALID_ARGUMENT, e.getMessage()));
    }
  }
}

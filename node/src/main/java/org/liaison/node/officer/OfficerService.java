package org.liaison.node.officer;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import org.liaison.node.config.NodeConfig;
import org.liaison.node.deconfliction.targets.TargetCheck;
import org.liaison.node.observability.ExchangeMetrics;
import org.liaison.node.query.FederatedQuery;
import org.liaison.node.query.InvalidOfficerRequest;
import org.liaison.node.query.PolicyExplainer;
import org.liaison.node.records.BatchImport;
import org.liaison.node.records.FileImport;
import org.liaison.node.records.ImportResult;
import org.liaison.node.records.ImportService;
import org.liaison.node.runtime.AnswerStream;
import org.liaison.node.runtime.RequestRefused;
import org.liaison.wire.transport.Refusals;
import org.liaison.wire.v1.ImportAck;
import org.liaison.wire.v1.ImportBatch;
import org.liaison.wire.v1.ImportBatchAck;
import org.liaison.wire.v1.ImportFileRequest;
import org.liaison.wire.v1.ImportItem;
import org.liaison.wire.v1.ImportProgress;
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
@GrpcService
@Singleton
public class OfficerService extends OfficerGrpc.OfficerImplBase {
  @Inject FederatedQuery query;
  @Inject TargetCheck check;
  @Inject ImportService imports;
  @Inject BatchImport batches;
  @Inject FileImport files;
  @Inject NodeConfig config;
  @Inject NodeStatusReport status;
  @Inject PolicyExplainer explainer;
  @Inject ExchangeMetrics metrics;
  @Inject OfficerIdentity identity;

  @Blocking
  @Override
  public void query(OfficerQueryRequest request, StreamObserver<PartnerAnswer> out) {
    fanOut(
        out,
        each -> {
          OfficerQueryRequest.Builder b = request.toBuilder();
          b.setOfficerId(identity.actingAs(request.getOfficerId(), request.getCaseReference()));
          b.getQueryBuilder()
              .setOfficerRole(
                  identity.role(request.getQuery().getOfficerRole(), request.getCaseReference()));
          return query.run(b.build(), each);
        },
        a -> metrics.partnerAnswer(a.getPartnerAgency(), a.getStatus().name(), a.getLatencyMs()));
  }

  @Blocking
  @Override
  public void check(OfficerCheckRequest request, StreamObserver<PartnerCheckAnswer> out) {
    fanOut(
        out,
        each ->
            check.onDemand(
                request.toBuilder()
                    .setOfficerId(
                        identity.actingAs(request.getOfficerId(), request.getCaseReference()))
                    .build(),
                each),
        a -> metrics.partnerAnswer(a.getPartnerAgency(), a.getStatus().name(), a.getLatencyMs()));
  }

  /**
   * Streams the answers of a request to partners to the officer as they arrive, each counted; a
   * request refused before anything is sent ends the call with its reason.
   */
  private static <A> void fanOut(
      StreamObserver<A> out,
      Function<Consumer<A>, CompletableFuture<Void>> send,
      Consumer<A> count) {
    AnswerStream<A> stream = new AnswerStream<>(out, "the request to partners failed");
    try {
      send.apply(
              a -> {
                count.accept(a);
                stream.next(a);
              })
          .whenComplete((ok, error) -> stream.complete(error));
    } catch (RequestRefused e) {
      out.onError(e.toStatus());
    }
  }

  @Blocking
  @Override
  public StreamObserver<ImportItem> import_(StreamObserver<ImportAck> out) {
    ServerCallStreamObserver<ImportAck> acks = (ServerCallStreamObserver<ImportAck>) out;
    return new StreamObserver<>() {
      @Override
      public void onNext(ImportItem item) {
        acks.onNext(ack(imports.importLine(item.getLine(), item.getJson())));
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

  @Blocking
  @Override
  public StreamObserver<ImportBatch> importBatches(StreamObserver<ImportBatchAck> out) {
    return new StreamObserver<>() {
      private boolean failed;

      @Override
      public void onNext(ImportBatch batch) {
        if (failed) {
          return;
        }
        if (batch.getItemsCount() > BatchImport.MAX_LINES) {
          failed = true;
          out.onError(
              Refusals.refuse(
                  Status.Code.INVALID_ARGUMENT,
                  Reason.INVALID_ARGUMENT,
                  "a batch holds at most " + BatchImport.MAX_LINES + " lines"));
          return;
        }
        List<BatchImport.Item> items = new ArrayList<>(batch.getItemsCount());
        for (ImportItem i : batch.getItemsList()) {
          items.add(new BatchImport.Item(i.getLine(), i.getJson()));
        }
        BatchImport.Outcome o = batches.importBatch(items);
        ImportBatchAck.Builder ack =
            ImportBatchAck.newBuilder()
                .setFirstLine(items.isEmpty() ? 0 : items.get(0).line())
                .setLastLine(items.isEmpty() ? 0 : items.get(items.size() - 1).line())
                .setAccepted(o.accepted());
        o.rejected().forEach(r -> ack.addRejected(ack(r)));
        out.onNext(ack.build());
      }

      @Override
      public void onError(Throwable t) {
        // the client went away; every acknowledged batch is already committed
      }

      @Override
      public void onCompleted() {
        if (!failed) {
          out.onCompleted();
        }
      }
    };
  }

  @Blocking
  @Override
  public void importFile(ImportFileRequest request, StreamObserver<ImportProgress> out) {
    ServerCallStreamObserver<ImportProgress> progress =
        (ServerCallStreamObserver<ImportProgress>) out;
    Path dir =
        config
            .imports()
            .dir()
            .orElse(config.dataDir().resolve("import"))
            .toAbsolutePath()
            .normalize();
    Path file = dir.resolve(request.getFile()).normalize();
    if (request.getFile().isBlank() || !file.startsWith(dir) || !Files.isRegularFile(file)) {
      out.onError(
          Refusals.refuse(
              Status.Code.NOT_FOUND,
              Reason.NOT_FOUND,
              "no file "
                  + request.getFile()
                  + " in the node's import folder "
                  + dir
                  + "; copy the file there (only files in that folder are imported)"));
      return;
    }
    try {
      long total = FileImport.countLines(file);
      FileImport.Progress last =
          files.importFile(
              file,
              request.getAfterLine(),
              p -> {
                if (progress.isCancelled()) {
                  return false;
                }
                progress.onNext(progress(p, total, false));
                return true;
              });
      if (!progress.isCancelled()) {
        progress.onNext(progress(last, total, true));
        progress.onCompleted();
      }
    } catch (IOException e) {
      out.onError(
          Refusals.refuse(
              Status.Code.NOT_FOUND,
              Reason.NOT_FOUND,
              "cannot read " + file + ": " + e.getMessage()));
    }
  }

  private static ImportProgress progress(FileImport.Progress p, long total, boolean done) {
    ImportProgress.Builder b =
        ImportProgress.newBuilder()
            .setLastLine(p.lastLine())
            .setAccepted(p.accepted())
            .setRejectedTotal(p.rejectedTotal())
            .setDone(done)
            .setTotalLines(total);
    p.rejected().forEach(r -> b.addRejected(ack(r)));
    return b.build();
  }

  private static ImportAck ack(ImportResult result) {
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
    return ack.build();
  }

  @Blocking
  @Override
  public void status(StatusRequest request, StreamObserver<NodeStatus> out) {
    out.onNext(status.now());
    out.onCompleted();
  }

  @Blocking
  @Override
  public void why(WhyRequest request, StreamObserver<WhyAnswer> out) {
    try {
      out.onNext(explainer.explain(request));
      out.onCompleted();
    } catch (InvalidOfficerRequest e) {
      out.onError(e.toStatus());
    }
  }
}

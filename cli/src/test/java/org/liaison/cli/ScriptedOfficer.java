package org.liaison.cli;

import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.liaison.wire.v1.ImportAck;
import org.liaison.wire.v1.ImportBatch;
import org.liaison.wire.v1.ImportBatchAck;
import org.liaison.wire.v1.ImportItem;
import org.liaison.wire.v1.NodeStatus;
import org.liaison.wire.v1.OfficerCheckRequest;
import org.liaison.wire.v1.OfficerGrpc;
import org.liaison.wire.v1.OfficerQueryRequest;
import org.liaison.wire.v1.PartnerAnswer;
import org.liaison.wire.v1.PartnerCheckAnswer;
import org.liaison.wire.v1.Reason;
import org.liaison.wire.v1.StatusRequest;

/** An Officer service that answers from a script and records what it was sent. */
final class ScriptedOfficer extends OfficerGrpc.OfficerImplBase {

  volatile List<PartnerAnswer> answers = List.of();
  volatile List<PartnerCheckAnswer> checkAnswers = List.of();
  volatile NodeStatus status = NodeStatus.getDefaultInstance();
  volatile StatusRuntimeException failure;

  /** Import: after this many acknowledgements the call fails with UNAVAILABLE (-1: never). */
  volatile int failImportAfterAcks = -1;

  final List<OfficerQueryRequest> queries = new CopyOnWriteArrayList<>();
  final List<OfficerCheckRequest> checks = new CopyOnWriteArrayList<>();
  final List<ImportItem> imported =
      java.util.Collections.synchronizedList(new java.util.ArrayList<>());

  @Override
  public void query(OfficerQueryRequest request, StreamObserver<PartnerAnswer> out) {
    queries.add(request);
    if (failure != null) {
      out.onError(failure);
      return;
    }
    answers.forEach(out::onNext);
    out.onCompleted();
  }

  @Override
  public void check(OfficerCheckRequest request, StreamObserver<PartnerCheckAnswer> out) {
    checks.add(request);
    checkAnswers.forEach(out::onNext);
    out.onCompleted();
  }

  @Override
  public void status(StatusRequest request, StreamObserver<NodeStatus> out) {
    if (failure != null) {
      out.onError(failure);
      return;
    }
    out.onNext(status);
    out.onCompleted();
  }

  /** Accepts lines that parse as an object with a "kind"; rejects the rest with a reason. */
  @Override
  public StreamObserver<ImportItem> import_(StreamObserver<ImportAck> out) {
    return new ScriptedImport<>(out) {
      @Override
      void acknowledge(ImportItem item) {
        imported.add(item);
        ImportAck.Builder ack = ImportAck.newBuilder().setLine(item.getLine());
        if (accepted(item)) {
          ack.setAccepted(true).setId("id-" + item.getLine());
        } else {
          ack.setAccepted(false).setReason(Reason.INVALID_ARGUMENT).setMessage(NO_KIND);
        }
        out.onNext(ack.build());
      }
    };
  }

  /** The same, a batch at a time: failImportAfterAcks counts batches. */
  @Override
  public StreamObserver<ImportBatch> importBatches(StreamObserver<ImportBatchAck> out) {
    return new ScriptedImport<>(out) {
      @Override
      void acknowledge(ImportBatch batch) {
        ImportBatchAck.Builder ack =
            ImportBatchAck.newBuilder()
                .setFirstLine(batch.getItems(0).getLine())
                .setLastLine(batch.getItems(batch.getItemsCount() - 1).getLine());
        for (ImportItem item : batch.getItemsList()) {
          imported.add(item);
          if (accepted(item)) {
            ack.setAccepted(ack.getAccepted() + 1);
          } else {
            ack.addRejected(
                ImportAck.newBuilder()
                    .setLine(item.getLine())
                    .setReason(Reason.INVALID_ARGUMENT)
                    .setMessage(NO_KIND));
          }
        }
        out.onNext(ack.build());
      }
    };
  }

  private static final String NO_KIND = "the line has no \"kind\" field";

  private static boolean accepted(ImportItem item) {
    return item.getJson().strip().startsWith("{") && item.getJson().contains("\"kind\"");
  }

  /**
   * An import stream that acknowledges each message until {@link #failImportAfterAcks}
   * acknowledgements were sent, then fails with UNAVAILABLE and ignores the rest.
   */
  private abstract class ScriptedImport<T> implements StreamObserver<T> {
    private final StreamObserver<?> out;
    private int acks;
    private boolean failed;

    ScriptedImport(StreamObserver<?> out) {
      this.out = out;
    }

    abstract void acknowledge(T message);

    @Override
    public void onNext(T message) {
      if (failed) return;
      if (failImportAfterAcks >= 0 && acks == failImportAfterAcks) {
        failed = true;
        out.onError(
            io.grpc.Status.UNAVAILABLE.withDescription("node shutting down").asRuntimeException());
        return;
      }
      acks++;
      acknowledge(message);
    }

    @Override
    public void onError(Throwable t) {}

    @Override
    public void onCompleted() {
      if (!failed) out.onCompleted();
    }
  }
}

package org.liaison.node.audit;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import org.liaison.node.runtime.OfficerApi;
import org.liaison.node.runtime.UnaryAnswer;
import org.liaison.wire.audit.AuditBundleVerifier;
import org.liaison.wire.audit.AuditCheckpoints;
import org.liaison.wire.merkle.MerkleTree;
import org.liaison.wire.transport.Refusals;
import org.liaison.wire.v1.AuditBundle;
import org.liaison.wire.v1.AuditCheckpoint;
import org.liaison.wire.v1.AuditExportRequest;
import org.liaison.wire.v1.AuditFinding;
import org.liaison.wire.v1.AuditFindings;
import org.liaison.wire.v1.AuditFindingsRequest;
import org.liaison.wire.v1.AuditGrpc;
import org.liaison.wire.v1.AuditProof;
import org.liaison.wire.v1.AuditProveRequest;
import org.liaison.wire.v1.AuditRecord;
import org.liaison.wire.v1.AuditVerifyReport;
import org.liaison.wire.v1.AuditVerifyRequest;
import org.liaison.wire.v1.Reason;
import org.liaison.wire.v1.SignedAuditCheckpoint;

/** The officers' Audit service: export for oversight, inclusion proofs, self-check, findings. */
@GrpcService
@Singleton
public class AuditService extends AuditGrpc.AuditImplBase implements OfficerApi {
  private static final Logger LOG = Logger.getLogger(AuditService.class);

  @Inject AuditReader reader;
  @Inject AuditLog audit;
  @Inject PartnerHistory history;
  @Inject PartnerConsistency consistency;

  @Blocking
  @Override
  public void export(AuditExportRequest request, StreamObserver<AuditBundle> out) {
    ServerCallStreamObserver<AuditBundle> call = (ServerCallStreamObserver<AuditBundle>) out;
    answer(
        out,
        () -> {
          reader.export(request.getLimit(), part -> sendWhenReady(call, part));
          return null;
        });
  }

  /**
   * Sends one part once the reader has taken the ones before: a slow reader holds the export back
   * instead of the parts piling up in this node's memory.
   */
  private static void sendWhenReady(ServerCallStreamObserver<AuditBundle> call, AuditBundle part) {
    long pause = 1;
    while (!call.isReady()) {
      if (call.isCancelled()) {
        throw new ExportAbandoned();
      }
      try {
        Thread.sleep(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ExportAbandoned();
      }
      pause = Math.min(pause * 2, 50);
    }
    call.onNext(part);
  }

  /** The reader went away (or the node is stopping) before the export ended. */
  private static final class ExportAbandoned extends RuntimeException {
    ExportAbandoned() {
      super("the reader cancelled the export", null, false, false);
    }
  }

  @Blocking
  @Override
  public void prove(AuditProveRequest request, StreamObserver<AuditProof> out) {
    answer(out, () -> prove(request.getIndex(), request.getTreeSize()));
  }

  @Blocking
  @Override
  public void verify(AuditVerifyRequest request, StreamObserver<AuditVerifyReport> out) {
    answer(out, this::verify);
  }

  @Blocking
  @Override
  public void findings(AuditFindingsRequest request, StreamObserver<AuditFindings> out) {
    answer(
        out,
        () -> {
          if (request.getCheckPartnersNow()) {
            consistency.checkAll().forEach(LOG::info);
          }
          return findings();
        });
  }

  /**
   * An inclusion proof of entry {@code index} in the tree of {@code size} (0: the latest), or in
   * the smallest signed tree that covers it when no checkpoint was signed at exactly that size.
   */
  public AuditProof prove(long index, long size) {
    long asked = size == 0 ? reader.size() : size;
    if (index >= asked || asked > reader.size()) {
      throw new IllegalArgumentException(
          "entry "
              + index
              + " is not in a tree of "
              + asked
              + " entries; the log holds "
              + reader.size());
    }
    long n = reader.coveredSize(asked);
    AuditRecord record = reader.record(index);
    SignedAuditCheckpoint checkpoint = reader.checkpointAt(n);
    List<byte[]> path = reader.inclusionProof(index, n);
    AuditCheckpoint c = AuditCheckpoints.parse(checkpoint).orElseThrow();
    boolean ok =
        MerkleTree.verifyInclusion(
            MerkleTree.leafHash(record.getEntry().toByteArray()),
            index,
            n,
            path,
            c.getRootHash().toByteArray());
    AuditProof.Builder p =
        AuditProof.newBuilder().setRecord(record).setCheckpoint(checkpoint).setVerified(ok);
    path.forEach(h -> p.addInclusionPath(ByteString.copyFrom(h)));
    return p.build();
  }

  /** The node's own log checked exactly as an oversight body checks an export of it. */
  public AuditVerifyReport verify() {
    // part by part, as an export streams: the whole log never sits in this node's memory
    AuditBundleVerifier.Parts verifier = AuditBundleVerifier.parts();
    reader.export(0, verifier);
    AuditBundleVerifier.Report r = verifier.report();
    return AuditVerifyReport.newBuilder()
        .setOk(r.ok())
        .setTreeSize(r.treeSize())
        .setRootHash(ByteString.copyFrom(r.root()))
        .addAllProblems(r.problems())
        .setFirstBadIndex(r.firstBadIndex())
        .build();
  }

  public AuditFindings findings() {
    AuditFindings.Builder b = AuditFindings.newBuilder();
    for (AuditFindingEntry f : history.findings()) {
      AuditFinding.Builder x =
          AuditFinding.newBuilder()
              .setId(f.id)
              .setAtMs(f.at.toInstant().toEpochMilli())
              .setKind(f.kind)
              .setPartnerAgency(f.partnerAgency)
              .setPartnerNode(f.partnerNode)
              .setDetail(f.detail);
      try {
        if (f.firstCheckpoint != null) {
          x.setFirst(SignedAuditCheckpoint.parseFrom(f.firstCheckpoint));
        }
        if (f.secondCheckpoint != null) {
          x.setSecond(SignedAuditCheckpoint.parseFrom(f.secondCheckpoint));
        }
      } catch (InvalidProtocolBufferException e) {
        // stored from verified checkpoints; shown without them if the table was edited
      }
      b.addFindings(x);
    }
    b.addAllPartnerCheckpoints(history.latestPerNode());
    return b.build();
  }

  /** Runs {@code work} and sends its result (none when it streamed its own), or its refusal. */
  private static <T> void answer(StreamObserver<T> out, Supplier<T> work) {
    UnaryAnswer.send(out, work, AuditService::refusal);
  }

  /** The status a failed audit request ends with; none when the reader abandoned an export. */
  private static StatusRuntimeException refusal(RuntimeException e) {
    if (e instanceof ExportAbandoned) {
      LOG.info("an audit export ended early: " + e.getMessage());
      return null;
    }
    if (e instanceof IllegalArgumentException) {
      return Refusals.refuse(Status.Code.INVALID_ARGUMENT, Reason.INVALID_ARGUMENT, e.getMessage());
    }
    LOG.error("audit request failed", e);
    return Refusals.refuse(
        Status.Code.UNAVAILABLE,
        Reason.AUDIT_UNAVAILABLE,
        "the audit log cannot be read right now (" + e.getMessage() + "); retry later");
  }
}

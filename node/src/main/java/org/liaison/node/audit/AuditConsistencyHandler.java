package org.liaison.node.audit;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.liaison.node.federation.InboundRequest;
import org.liaison.node.federation.TypedInboundHandler;
import org.liaison.wire.audit.AuditCheckpoints;
import org.liaison.wire.pki.Certificates;
import org.liaison.wire.v1.AuditCheckpoint;
import org.liaison.wire.v1.AuditConsistencyAnswer;
import org.liaison.wire.v1.AuditConsistencyRequest;
import org.liaison.wire.v1.ConsistencyProof;
import org.liaison.wire.v1.Refusal;
import org.liaison.wire.v1.SignedAuditCheckpoint;
import org.liaison.wire.v1.WitnessedCheckpoint;

/**
 * Answers a partner's {@code AuditConsistencyRequest}: proofs that the trees it holds checkpoints
 * of are prefixes of this log now, this node's current checkpoint, and the checkpoints this node
 * holds of others. The partner's gossip is taken in first.
 */
@ApplicationScoped
public class AuditConsistencyHandler extends TypedInboundHandler<AuditConsistencyRequest> {
  private static final int MAX_SIZES = 64;

  @Inject AuditLog audit;
  @Inject AuditReader reader;
  @Inject AuditSigning signing;
  @Inject PartnerHistory history;

  public AuditConsistencyHandler() {
    super(AuditConsistencyRequest.getDefaultInstance());
  }

  @Override
  protected Message answer(InboundRequest request, AuditConsistencyRequest r) {
    for (WitnessedCheckpoint w : r.getWitnessedList()) {
      history.witnessed(w, request.senderAgency());
    }
    AuditConsistencyAnswer.Builder a =
        AuditConsistencyAnswer.newBuilder()
            .addAllWitnessed(history.latestExcept(request.senderAgency()));
    Optional<SignedAuditCheckpoint> current = audit.latestCheckpoint();
    if (current.isEmpty()) {
      return a.build();
    }
    long size = AuditCheckpoints.parse(current.get()).map(AuditCheckpoint::getTreeSize).orElse(0L);
    a.setCurrent(
        WitnessedCheckpoint.newBuilder()
            .setCheckpoint(current.get())
            .setSignerCertificate(ByteString.copyFrom(Certificates.der(signing.certificate()))));
    List<Long> sizes = r.getSizesList().stream().distinct().limit(MAX_SIZES).toList();
    for (long m : sizes) {
      ConsistencyProof.Builder p =
          ConsistencyProof.newBuilder().setFirstSize(m).setSecondSize(size);
      if (m > 0 && m < size) {
        reader.consistencyProof(m, size).forEach(h -> p.addHashes(ByteString.copyFrom(h)));
      }
      a.addProofs(p);
    }
    return a.build();
  }

  @Override
  public Message refusal(Refusal refusal) {
    return AuditConsistencyAnswer.newBuilder().setRefusal(refusal).build();
  }
}

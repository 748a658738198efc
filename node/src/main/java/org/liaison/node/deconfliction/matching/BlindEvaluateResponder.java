package org.liaison.node.deconfliction.matching;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.liaison.node.deconfliction.DeconflictionJournal;
import org.liaison.node.deconfliction.DeconflictionJournal.Event;
import org.liaison.node.deconfliction.DeconflictionJournal.Line;
import org.liaison.node.deconfliction.DeconflictionResponder;
import org.liaison.node.deconfliction.PartnerRefusals;
import org.liaison.node.deconfliction.quotas.ProbeQuota;
import org.liaison.node.federation.InboundRequest;
import org.liaison.wire.oprf.OprfException;
import org.liaison.wire.oprf.OprfServer;
import org.liaison.wire.oprf.VerifiableEvaluation;
import org.liaison.wire.v1.BlindEvaluateAnswer;
import org.liaison.wire.v1.BlindEvaluateRequest;
import org.liaison.wire.v1.MatchKind;
import org.liaison.wire.v1.QuotaCount;
import org.liaison.wire.v1.Refusal;

/**
 * Evaluates a partner's blinded elements with this node's key for that partner, with one proof for
 * the batch. Each element counts against the partner's daily quota here; a batch that would exceed
 * it is refused whole. The elements are random points: nothing about what the partner probes is
 * learned or kept, only how many.
 */
@ApplicationScoped
public class BlindEvaluateResponder extends DeconflictionResponder<BlindEvaluateRequest> {
  @Inject OprfKeys keys;
  @Inject ProbeQuota quota;
  @Inject DeconflictionJournal journal;

  public BlindEvaluateResponder() {
    super(BlindEvaluateRequest.getDefaultInstance(), BlindEvaluateRequest::getKind);
  }

  @Override
  protected Message answer(InboundRequest r, BlindEvaluateRequest q, MatchKind kind) {
    int n = q.getBlindedElementsCount();
    if (n == 0 || n > OprfServer.MAX_BATCH) {
      return refused(
          r,
          kind,
          PartnerRefusals.invalid(
              "a batch must hold between 1 and " + OprfServer.MAX_BATCH + " blinded elements"));
    }
    OprfServer server;
    try {
      server = keys.ring().server(r.senderAgency(), q.getEpoch());
    } catch (OprfException e) {
      return refused(r, kind, PartnerRefusals.of(e));
    }
    QuotaCount count;
    try {
      count = quota.consume(r, n);
    } catch (ProbeQuota.Exceeded e) {
      return refused(r, kind, e.refusal());
    }
    VerifiableEvaluation evaluation;
    try {
      evaluation =
          server.blindEvaluateVerifiable(
              q.getBlindedElementsList().stream().map(ByteString::toByteArray).toList());
    } catch (OprfException e) {
      return refused(r, kind, PartnerRefusals.of(e));
    }
    journal.recordBeforeAnswer(
        r,
        new Line(
            Event.PROBES_ANSWERED,
            kind,
            r.senderAgency(),
            null,
            n,
            "quota " + count.getUsed() + "/" + count.getLimit()));
    BlindEvaluateAnswer.Builder a =
        BlindEvaluateAnswer.newBuilder()
            .setQuota(count)
            .setProof(ByteString.copyFrom(evaluation.proof()));
    List<byte[]> evaluated = evaluation.evaluatedElements();
    evaluated.forEach(e -> a.addEvaluatedElements(ByteString.copyFrom(e)));
    return a.build();
  }

  @Override
  protected Message refused(InboundRequest r, MatchKind kind, Refusal refusal) {
    journal.recordBeforeAnswer(
        r,
        new Line(
            Event.REFUSED,
            kind == MatchKind.TARGET || kind == MatchKind.EVENT ? kind : null,
            r.senderAgency(),
            null,
            0,
            refusal.getReason() + ": " + refusal.getMessage()));
    return refusal(refusal);
  }

  @Override
  public Message refusal(Refusal refusal) {
    return BlindEvaluateAnswer.newBuilder().setRefusal(refusal).build();
  }
}

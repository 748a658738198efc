package org.liaison.node.deconfliction.matching;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.liaison.node.audit.AuditedWrite;
import org.liaison.node.config.NodeConfig;
import org.liaison.node.deconfliction.DeconflictionJournal;
import org.liaison.node.deconfliction.DeconflictionJournal.Event;
import org.liaison.node.deconfliction.DeconflictionJournal.Line;
import org.liaison.node.deconfliction.filters.PartnerFilters;
import org.liaison.node.deconfliction.quotas.ProbeQuota;
import org.liaison.node.federation.ExchangeFailure;
import org.liaison.node.federation.PartnerCall;
import org.liaison.node.partners.PartnerAgreement;
import org.liaison.wire.oprf.BlindedInput;
import org.liaison.wire.oprf.OprfClient;
import org.liaison.wire.oprf.OprfException;
import org.liaison.wire.oprf.OprfMode;
import org.liaison.wire.oprf.OprfServer;
import org.liaison.wire.oprf.VerifiableEvaluation;
import org.liaison.wire.v1.BlindEvaluateAnswer;
import org.liaison.wire.v1.BlindEvaluateRequest;
import org.liaison.wire.v1.ConfirmedConflict;
import org.liaison.wire.v1.ConflictClaimAnswer;
import org.liaison.wire.v1.ConflictClaimRequest;
import org.liaison.wire.v1.MatchKind;
import org.liaison.wire.v1.PartnerAnswer;
import org.liaison.wire.v1.PointOfContact;
import org.liaison.wire.v1.Reason;

/**
 * The querying side of private matching with one partner: refresh the partner's filter, blind the
 * inputs, have the partner evaluate them (checking its proof), test the outputs against the filter
 * locally, and claim only the hits. The partner sees blinded elements (random points), then PRF
 * values of its own targets only.
 */
@ApplicationScoped
public class PrivateMatcher {
  @Inject PartnerCall calls;
  @Inject PartnerFilters filters;
  @Inject ProbeQuota quota;
  @Inject DeconflictionJournal journal;
  @Inject NodeConfig config;

  private final OprfClient client = new OprfClient(OprfMode.VOPRF);

  /** Who is asking, told to the partner only with a claim. */
  public record Claimant(
      String caseReference, PointOfContact contact, String officerId, String operationReference) {}

  public CompletableFuture<List<ConfirmedConflict>> match(
      PartnerAgreement p,
      MatchKind kind,
      Collection<ByteString> inputs,
      Claimant who,
      long deadlineMs) {
    if (inputs.isEmpty()) {
      return CompletableFuture.completedFuture(List.of());
    }
    List<ByteString> all = List.copyOf(inputs);
    return filters
        .refresh(p, kind, who.officerId(), deadlineMs)
        .thenCompose(filter -> inBatches(p, kind, all, 0, filter, who, deadlineMs));
  }

  /**
   * Probes {@code liaison.deconfliction.probe-batch} inputs per envelope (2,000: about 70 KB each
   * way, far under the 1 MiB message limit and the partner's {@code MAX_BATCH}), one batch after
   * another, so that a check of any size stays under the message limit and the partner evaluates
   * bounded work per request.
   */
  private CompletableFuture<List<ConfirmedConflict>> inBatches(
      PartnerAgreement p,
      MatchKind kind,
      List<ByteString> inputs,
      int from,
      PartnerFilters.Cached filter,
      Claimant who,
      long deadlineMs) {
    int batch = Math.max(1, Math.min(config.deconfliction().probeBatch(), OprfServer.MAX_BATCH));
    int to = Math.min(inputs.size(), from + batch);
    CompletableFuture<List<ConfirmedConflict>> probed =
        evaluate(p, kind, inputs.subList(from, to), filter, who, deadlineMs);
    if (to == inputs.size()) {
      return probed;
    }
    return probed.thenCompose(
        found ->
            inBatches(p, kind, inputs, to, filter, who, deadlineMs)
                .thenApply(
                    more -> {
                      List<ConfirmedConflict> all = new ArrayList<>(found);
                      all.addAll(more);
                      return all;
                    }));
  }

  private CompletableFuture<List<ConfirmedConflict>> evaluate(
      PartnerAgreement p,
      MatchKind kind,
      List<ByteString> inputs,
      PartnerFilters.Cached filter,
      Claimant who,
      long deadlineMs) {
    List<BlindedInput> blinded = new ArrayList<>(inputs.size());
    BlindEvaluateRequest.Builder q =
        BlindEvaluateRequest.newBuilder().setKind(kind).setEpoch(filter.epoch());
    for (ByteString input : inputs) {
      BlindedInput b = client.blind(input.toByteArray());
      blinded.add(b);
      q.addBlindedElements(ByteString.copyFrom(b.blindedElement()));
    }
    return calls
        .send(
            Probes.header(
                p, kind, BlindEvaluateRequest.getDescriptor().getFullName(), "", who.officerId()),
            q.build(),
            deadlineMs)
        .thenCompose(
            bytes -> {
              BlindEvaluateAnswer a = parseEvaluation(p, kind, bytes);
              AuditedWrite reported = quota.reported(p.agency(), a.getQuota());
              Line sent =
                  new Line(
                      Event.PROBES_SENT,
                      kind,
                      p.agency(),
                      who.caseReference(),
                      inputs.size(),
                      "partner quota " + a.getQuota().getUsed() + "/" + a.getQuota().getLimit());
              List<byte[]> outputs;
              try {
                outputs =
                    client.finalizeVerifiable(
                        blinded,
                        new VerifiableEvaluation(
                            a.getEvaluatedElementsList().stream()
                                .map(ByteString::toByteArray)
                                .toList(),
                            a.getProof().toByteArray()),
                        filter.publicKey());
              } catch (OprfException e) {
                journal.recordAll(List.of(sent), List.of(reported));
                throw failure(
                    PartnerAnswer.Status.REJECTED,
                    e.reason(),
                    p.agency() + "'s evaluation was discarded: " + e.getMessage());
              }
              List<ByteString> hits = new ArrayList<>();
              for (byte[] out : outputs) {
                if (filter.filter().mightContain(out)) {
                  hits.add(ByteString.copyFrom(out));
                }
              }
              if (hits.isEmpty()) {
                journal.recordAll(List.of(sent), List.of(reported));
                return CompletableFuture.completedFuture(List.<ConfirmedConflict>of());
              }
              // the probe, its hits and the claim they make: one commit before the claim leaves
              Line found =
                  new Line(
                      Event.FILTER_HITS, kind, p.agency(), who.caseReference(), hits.size(), null);
              return claim(
                  p, kind, filter.epoch(), hits, who, deadlineMs, List.of(sent, found), reported);
            });
  }

  private CompletableFuture<List<ConfirmedConflict>> claim(
      PartnerAgreement p,
      MatchKind kind,
      long epoch,
      List<ByteString> hits,
      Claimant who,
      long deadlineMs,
      List<Line> probed,
      AuditedWrite reported) {
    ConflictClaimRequest.Builder c =
        ConflictClaimRequest.newBuilder()
            .setKind(kind)
            .setEpoch(epoch)
            .addAllPrfOutputs(hits)
            .setRequesterCaseReference(who.caseReference())
            .setRequesterContact(who.contact());
    if (who.operationReference() != null) {
      c.setOperationReference(who.operationReference());
    }
    List<Line> lines = new ArrayList<>(probed);
    lines.add(new Line(Event.CLAIM_SENT, kind, p.agency(), who.caseReference(), hits.size(), null));
    // the probe round, its hits and the claim: in the claim's own audit batch, before it leaves
    return calls
        .send(
            Probes.header(
                    p,
                    kind,
                    ConflictClaimRequest.getDescriptor().getFullName(),
                    who.caseReference(),
                    who.officerId())
                .with(journal.withRequest(lines, List.of(reported))),
            c.build(),
            deadlineMs)
        .thenApply(
            bytes -> {
              try {
                ConflictClaimAnswer a = ConflictClaimAnswer.parseFrom(bytes);
                if (a.hasRefusal()) {
                  throw failure(
                      PartnerAnswer.Status.REFUSED,
                      a.getRefusal().getReason(),
                      a.getRefusal().getMessage());
                }
                if (a.hasQuota()) {
                  // the claim counted against the quota too: keep "sent today" as the partner has
                  // it
                  journal.recordAll(List.of(), List.of(quota.reported(p.agency(), a.getQuota())));
                }
                return a.getConflictsList();
              } catch (InvalidProtocolBufferException e) {
                throw failure(
                    PartnerAnswer.Status.REJECTED,
                    Reason.MALFORMED_ENVELOPE,
                    p.agency() + " answered the claim with something else");
              }
            });
  }

  private BlindEvaluateAnswer parseEvaluation(PartnerAgreement p, MatchKind kind, byte[] bytes) {
    try {
      BlindEvaluateAnswer a = BlindEvaluateAnswer.parseFrom(bytes);
      if (a.hasRefusal()) {
        journal.record(
            new Line(Event.REFUSED, kind, p.agency(), null, 0, a.getRefusal().getReason().name()));
        throw failure(
            PartnerAnswer.Status.REFUSED, a.getRefusal().getReason(), a.getRefusal().getMessage());
      }
      return a;
    } catch (InvalidProtocolBufferException e) {
      throw failure(
          PartnerAnswer.Status.REJECTED,
          Reason.MALFORMED_ENVELOPE,
          p.agency() + " answered the probe with something else");
    }
  }

  static CompletionException failure(PartnerAnswer.Status status, Reason reason, String sentence) {
    return new CompletionException(new ExchangeFailure(status, reason, sentence));
  }
}

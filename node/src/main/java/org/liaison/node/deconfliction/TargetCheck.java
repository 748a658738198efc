package org.liaison.node.deconfliction;

import com.google.protobuf.InvalidProtocolBufferException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.liaison.node.config.NodeConfig;
import org.liaison.node.exchange.ExchangeLog;
import org.liaison.node.exchange.ExchangeRecord;
import org.liaison.node.federation.FanOut;
import org.liaison.node.federation.OutboundRequest;
import org.liaison.node.federation.PartnerCall;
import org.liaison.node.partners.PartnerAgreement;
import org.liaison.node.partners.Partners;
import org.liaison.node.query.InvalidOfficerRequest;
import org.liaison.node.query.OfficerRequests;
import org.liaison.wire.v1.OfficerCheckRequest;
import org.liaison.wire.v1.PartnerAnswer;
import org.liaison.wire.v1.PartnerCheckAnswer;
import org.liaison.wire.v1.PointOfContact;
import org.liaison.wire.v1.Reason;
import org.liaison.wire.v1.TargetCheckAnswer;
import org.liaison.wire.v1.TargetCheckRequest;

/**
 * Target de-confliction on demand: is anyone else working on this identifier? A conflict tells
 * each side the other's point of contact and case reference, and nothing more.
 */
@ApplicationScoped
public class TargetCheck {
  public static final String PURPOSE = "TARGET_DECONFLICTION";
  static final String CONTENT_TYPE = TargetCheckRequest.getDescriptor().getFullName();

  @Inject Partners partners;
  @Inject PartnerCall calls;
  @Inject ExchangeLog log;
  @Inject NodeConfig config;
  @Inject RequesterContact contacts;

  public CompletableFuture<Void> onDemand(
      OfficerCheckRequest request, Consumer<PartnerCheckAnswer> sink) {
    if (request.getIdentifier().getValue().isBlank()) {
      throw new InvalidOfficerRequest("say which identifier to check");
    }
    if (request.getCaseReference().isBlank()) {
      throw new InvalidOfficerRequest("a case reference is required: the other side is told it");
    }
    List<PartnerAgreement> targets =
        OfficerRequests.select(partners.forTargetDeconfliction(), request.getPartnersList());
    PointOfContact me = contacts.forCase(request.getCaseReference(), request.getOfficerId());
    TargetCheckRequest payload =
        TargetCheckRequest.newBuilder()
            .setIdentifier(OfficerRequests.normalised(request.getIdentifier(), config.agency()))
            .setRequesterContact(me)
            .build();
    long deadline =
        request.getDeadlineMs() > 0 ? request.getDeadlineMs() : config.query().deadlineMs();
    return FanOut.send(
        calls,
        targets,
        p ->
            new OutboundRequest(
                p.agency(),
                p.agreementId(),
                PURPOSE,
                request.getCaseReference(),
                request.getOfficerId(),
                CONTENT_TYPE),
        payload,
        deadline,
        outcome -> {
          PartnerCheckAnswer answer = toAnswer(outcome);
          log.record(
              new ExchangeRecord(
                  ExchangeRecord.Direction.OUT,
                  outcome.partner().agency(),
                  outcome.partner().agreementId(),
                  PURPOSE,
                  request.getCaseReference(),
                  request.getOfficerId(),
                  null,
                  CONTENT_TYPE,
                  answer.getStatus() == PartnerAnswer.Status.MATCH ? "CONFLICT" : answer.getStatus().name(),
                  answer.getReason() == Reason.REASON_UNSPECIFIED ? null : answer.getReason().name(),
                  answer.getMessage()));
          sink.accept(answer);
        });
  }

  static PartnerCheckAnswer toAnswer(FanOut.Outcome outcome) {
    PartnerCheckAnswer.Builder b =
        PartnerCheckAnswer.newBuilder()
            .setPartnerAgency(outcome.partner().agency())
            .setAgreementId(outcome.partner().agreementId())
            .setLatencyMs(outcome.latencyMs());
    if (outcome.failure() != null) {
      return b.setStatus(outcome.failure().status())
          .setReason(outcome.failure().reason())
          .setMessage(outcome.failure().getMessage())
          .build();
    }
    try {
      TargetCheckAnswer answer = TargetCheckAnswer.parseFrom(outcome.answer());
      b.setAnswer(answer);
      if (answer.hasRefusal()) {
        return b.setStatus(PartnerAnswer.Status.REFUSED)
            .setReason(answer.getRefusal().getReason())
            .setMessage(answer.getRefusal().getMessage())
            .build();
      }
      return b.setStatus(answer.getConflict() ? PartnerAnswer.Status.MATCH : PartnerAnswer.Status.NO_MATCH)
          .build();
    } catch (InvalidProtocolBufferException e) {
      return b.setStatus(PartnerAnswer.Status.REJECTED)
          .setReason(Reason.MALFORMED_ENVELOPE)
          .setMessage("the answer's payload is not a TargetCheckAnswer: " + e.getMessage())
          .build();
    }
  }
}

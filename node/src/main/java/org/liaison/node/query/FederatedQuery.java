package org.liaison.node.query;

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
import org.liaison.wire.v1.OfficerQueryRequest;
import org.liaison.wire.v1.PartnerAnswer;
import org.liaison.wire.v1.QueryAnswer;
import org.liaison.wire.v1.QueryRequest;
import org.liaison.wire.v1.Reason;

/** An officer's question, asked of every partner at once; answers stream back as they arrive. */
@ApplicationScoped
public class FederatedQuery {
  static final String CONTENT_TYPE = QueryRequest.getDescriptor().getFullName();

  @Inject Partners partners;
  @Inject PartnerCall calls;
  @Inject ExchangeLog log;
  @Inject NodeConfig config;

  public CompletableFuture<Void> run(OfficerQueryRequest request, Consumer<PartnerAnswer> sink) {
    OfficerRequests.requireQuery(request);
    List<PartnerAgreement> targets =
        OfficerRequests.select(partners.forPurpose(request.getPurpose()), request.getPartnersList());
    long deadline =
        request.getDeadlineMs() > 0 ? request.getDeadlineMs() : config.query().deadlineMs();
    return FanOut.send(
        calls,
        targets,
        p ->
            new OutboundRequest(
                p.agency(),
                p.agreementId(),
                request.getPurpose(),
                request.getCaseReference(),
                request.getOfficerId(),
                CONTENT_TYPE),
        OfficerRequests.normalised(request.getQuery(), config.agency()),
        deadline,
        outcome -> {
          PartnerAnswer answer = toAnswer(outcome);
          log.record(
              new ExchangeRecord(
                  ExchangeRecord.Direction.OUT,
                  outcome.partner().agency(),
                  outcome.partner().agreementId(),
                  request.getPurpose(),
                  request.getCaseReference(),
                  request.getOfficerId(),
                  null,
                  CONTENT_TYPE,
                  answer.getStatus().name(),
                  answer.getReason() == Reason.REASON_UNSPECIFIED ? null : answer.getReason().name(),
                  answer.getMessage()));
          sink.accept(answer);
        });
  }

  static PartnerAnswer toAnswer(FanOut.Outcome outcome) {
    PartnerAnswer.Builder b =
        PartnerAnswer.newBuilder()
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
      QueryAnswer answer = QueryAnswer.parseFrom(outcome.answer());
      b.setAnswer(answer);
      switch (answer.getOutcome()) {
        case MATCH -> b.setStatus(PartnerAnswer.Status.MATCH);
        case NO_MATCH -> b.setStatus(PartnerAnswer.Status.NO_MATCH);
        case REFUSED ->
            b.setStatus(PartnerAnswer.Status.REFUSED)
                .setReason(answer.getRefusal().getReason())
                .setMessage(answer.getRefusal().getMessage());
        default ->
            b.setStatus(PartnerAnswer.Status.REJECTED)
                .setReason(Reason.MALFORMED_ENVELOPE)
                .setMessage("the answer states no outcome");
      }
      return b.build();
    } catch (InvalidProtocolBufferException e) {
      return b.setStatus(PartnerAnswer.Status.REJECTED)
          .setReason(Reason.MALFORMED_ENVELOPE)
          .setMessage("the answer's payload is not a QueryAnswer: " + e.getMessage())
          .build();
    }
  }
}

package org.liaison.node.query;

import com.google.protobuf.InvalidProtocolBufferException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.liaison.node.audit.AuditEvent;
import org.liaison.node.audit.AuditLog;
import org.liaison.node.audit.IntentJournal;
import org.liaison.node.config.NodeConfig;
import org.liaison.node.federation.ExchangeScope;
import org.liaison.node.federation.FanOut;
import org.liaison.node.federation.OutboundRequest;
import org.liaison.node.federation.PartnerCall;
import org.liaison.node.federation.SentWithAnswer;
import org.liaison.node.partners.PartnerAgreement;
import org.liaison.node.partners.Partners;
import org.liaison.wire.v1.AuditKind;
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
  @Inject AuditLog audit;
  @Inject IntentJournal intents;
  @Inject NodeConfig config;

  public CompletableFuture<Void> run(OfficerQueryRequest request, Consumer<PartnerAnswer> sink) {
    OfficerRequests.requireQuery(request);
    List<PartnerAgreement> targets =
        OfficerRequests.select(
            partners.forPurpose(request.getPurpose()), request.getPartnersList());
    long deadline =
        request.getDeadlineMs() > 0 ? request.getDeadlineMs() : config.query().deadlineMs();
    // each request's SENT entry commits with its answer's, in one batch (decision 0055)
    Map<PartnerAgreement, SentWithAnswer> held = new IdentityHashMap<>();
    targets.forEach(p -> held.put(p, new SentWithAnswer(intents, audit)));
    return FanOut.send(
        calls,
        targets,
        p ->
            new OutboundRequest(
                    new ExchangeScope(
                        p.agency(),
                        p.agreementId(),
                        request.getPurpose(),
                        request.getCaseReference()),
                    request.getOfficerId(),
                    CONTENT_TYPE)
                .sentWithAnswer(held.get(p)),
        OfficerRequests.normalised(request.getQuery(), config.agency()),
        deadline,
        outcome -> {
          PartnerAnswer answer = toAnswer(outcome);
          try {
            held.get(outcome.partner()).commit(received(request, answer));
          } catch (RuntimeException e) {
            // fail closed: an answer nobody can account for is not shown
            answer =
                PartnerAnswer.newBuilder()
                    .setPartnerAgency(answer.getPartnerAgency())
                    .setAgreementId(answer.getAgreementId())
                    .setStatus(PartnerAnswer.Status.UNAVAILABLE)
                    .setReason(Reason.AUDIT_UNAVAILABLE)
                    .setMessage(
                        "this node cannot write its audit record, so the answer of "
                            + answer.getPartnerAgency()
                            + " is withheld; retry later")
                    .build();
          }
          sink.accept(answer);
        });
  }

  /** The entry for one partner's answer: outcome, and the records it disclosed to us. */
  static AuditEvent received(OfficerQueryRequest request, PartnerAnswer answer) {
    QueryRequest q = request.getQuery();
    String type = q.hasPerson() ? "PERSON" : q.getIdentifier().getType().name();
    AuditEvent.Datum datum =
        answer.getStatus() == PartnerAnswer.Status.MATCH
            ? AuditEvent.Datum.matched(
                type,
                q.hasPerson()
                    ? q.getPerson().getName() + "|" + q.getPerson().getDateOfBirth()
                    : q.getIdentifier().getValue(),
                answer.getAnswer().getDisclosuresList().stream()
                    .map(org.liaison.wire.v1.Disclosure::getRecordId)
                    .toList())
            : AuditEvent.Datum.probe(type);
    return AuditEvent.builder(AuditKind.QUERY)
        .direction(AuditEvent.Direction.OUT)
        .answeringAgency(answer.getPartnerAgency())
        .officer(request.getOfficerId())
        .agreement(answer.getAgreementId())
        .purpose(request.getPurpose())
        .caseReference(request.getCaseReference())
        .contentType(CONTENT_TYPE)
        .outcome(answer.getStatus().name())
        .reason(answer.getReason() == Reason.REASON_UNSPECIFIED ? null : answer.getReason().name())
        .detail(answer.getMessage())
        .datum(datum)
        .build();
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

package org.liaison.node.query;

import com.google.protobuf.Message;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.liaison.agreements.Agreement;
import org.liaison.agreements.AgreementStatus;
import org.liaison.agreements.AgreementStore;
import org.liaison.node.audit.AuditEvent;
import org.liaison.node.config.NodeConfig;
import org.liaison.node.consent.ConsentLedger;
import org.liaison.node.federation.InboundRequest;
import org.liaison.node.federation.TypedInboundHandler;
import org.liaison.node.identifiers.InvalidIdentifierException;
import org.liaison.node.runtime.Activity;
import org.liaison.node.search.RecordMatch;
import org.liaison.node.search.RecordSearch;
import org.liaison.policy.Decision;
import org.liaison.policy.DisclosedView;
import org.liaison.policy.PolicyEngine;
import org.liaison.policy.PolicyRequest;
import org.liaison.wire.v1.AuditKind;
import org.liaison.wire.v1.Disclosure;
import org.liaison.wire.v1.QueryAnswer;
import org.liaison.wire.v1.QueryRequest;
import org.liaison.wire.v1.Reason;
import org.liaison.wire.v1.Refusal;
import org.liaison.wire.v1.Tier;
import org.liaison.wire.v1.Withheld;

/**
 * Answers a partner's query from this node's own records: scope check against the agreement named
 * in the request, search, then a policy decision per record: disclosed at the tier and with the
 * fields the agreement allows, withheld (and said so) when the originator must consent, or left out
 * when the agreement does not share it.
 */
@ApplicationScoped
public class QueryResponder extends TypedInboundHandler<QueryRequest> {
  @Inject RecordSearch search;
  @Inject AgreementStore agreements;
  @Inject NodeConfig config;
  @Inject ConsentLedger consents;
  @Inject QueryQuota quota;
  @Inject LookupActivity lookups;

  public QueryResponder() {
    super(QueryRequest.getDefaultInstance());
  }

  @Override
  protected Message answer(InboundRequest r, QueryRequest q) {
    try (Activity.Piece answering = lookups.answering()) {
      return answerNow(r, q);
    }
  }

  private Message answerNow(InboundRequest r, QueryRequest q) {
    String me = config.agency();
    AgreementStatus status = agreements.statusOf(r.agreementId()).orElseThrow();
    Agreement agreement = status.agreement().orElseThrow();
    Optional<Refusal> outOfScope = RequestScope.check(agreement, me, r.scope(), q.getOfficerRole());
    if (outOfScope.isPresent()) {
      return refusal(outOfScope.get());
    }
    List<RecordMatch> matches;
    try {
      matches = find(q);
    } catch (InvalidIdentifierException | DateTimeParseException e) {
      // the partner's text is not repeated: the sentence goes into the audit entry and the logs
      return refusal(
          Refusal.newBuilder()
              .setReason(Reason.INVALID_ARGUMENT)
              .setMessage(
                  "the "
                      + (q.hasPerson() ? "person's date of birth" : q.getIdentifier().getType())
                      + " in the query cannot be read; nothing was looked up")
              .build());
    }
    Optional<Refusal> overQuota = quota.consume(r, agreement);
    if (overQuota.isPresent()) {
      return refusal(overQuota.get());
    }
    List<AgreementStatus> known = agreements.all();
    QueryAnswer.Builder answer = QueryAnswer.newBuilder();
    for (RecordMatch m : matches) {
      // only an originator other than this agency can consent: its own records need no lookup
      boolean granted = heldForAnother(me, m) && consents.granted(m.recordId(), r.senderAgency());
      var facts = RecordFactsOf.match(me, m, granted);
      Decision d =
          PolicyEngine.decide(
              PolicyRequest.of(
                  known,
                  r.senderAgency(),
                  q.getOfficerRole(),
                  r.purpose(),
                  r.caseReference(),
                  facts));
      recordDecision(r, m, d);
      DisclosedView view = d.applyTo(facts);
      if (view.disclosed()) {
        answer.addDisclosures(
            disclosure(me, m, view)
                .addAllCaveats(
                    granted ? consents.grantCaveats(m.recordId(), r.senderAgency()) : List.of())
                .build());
      } else if (view.withheld()) {
        answer.addWithheld(
            Withheld.newBuilder()
                .setRecordId(m.recordId())
                .setOriginatorAgency(m.originatorAgency())
                .setReason(d.reason())
                .setMessage(d.sentence()));
      }
    }
    answer.setOutcome(
        answer.getDisclosuresCount() + answer.getWithheldCount() > 0
            ? QueryAnswer.Outcome.MATCH
            : QueryAnswer.Outcome.NO_MATCH);
    return answer.build();
  }

  /**
   * Every decision is an audit entry, committed with the answer's own entry before the answer that
   * carries it can leave (the federation service appends both in one batch, or discloses nothing).
   */
  private void recordDecision(InboundRequest r, RecordMatch m, Decision d) {
    r.recordBeforeAnswer(
        r.auditEntry(AuditKind.DECISION)
            .agreement(d.agreementId())
            .outcome(d.outcome() + (d.allowed() ? " " + d.tier() : ""))
            .reason(d.reason() == null ? null : d.reason().name())
            .detail(d.clause() + ": " + d.sentence())
            .datum(AuditEvent.Datum.records(m.recordId()))
            .build());
  }

  private static boolean heldForAnother(String me, RecordMatch m) {
    return m.originatorAgency() != null
        && !m.originatorAgency().isBlank()
        && !m.originatorAgency().equals(me);
  }

  private List<RecordMatch> find(QueryRequest q) {
    return switch (q.getSubjectCase()) {
      case IDENTIFIER ->
          search.byIdentifier(
              q.getIdentifier().getType(),
              q.getIdentifier().getValue(),
              q.getIdentifier().getCountry());
      case PERSON ->
          search.byPerson(
              q.getPerson().getName(),
              q.getPerson().getDateOfBirth().isBlank()
                  ? null
                  : LocalDate.parse(q.getPerson().getDateOfBirth()));
      default -> List.of();
    };
  }

  private static Disclosure.Builder disclosure(String me, RecordMatch m, DisclosedView view) {
    Disclosure.Builder d =
        Disclosure.newBuilder()
            .setTier(view.tier())
            .setOwnerAgency(me)
            .setOriginatorAgency(m.originatorAgency() == null ? me : m.originatorAgency())
            .setMatch(m.rule() + (m.confidence() == null ? "" : "/" + m.confidence()))
            .addAllCaveats(view.caveats());
    if (view.tier().getNumber() >= Tier.POINTER_VALUE) {
      d.setCaseReference(m.caseNumber())
          .setPointOfContact(m.contact().toProto())
          .setRecordCategory(m.category())
          .setRecordId(m.recordId());
    }
    d.putAllFields(view.fields());
    return d;
  }

  @Override
  public Message refusal(Refusal refusal) {
    return QueryAnswer.newBuilder()
        .setOutcome(QueryAnswer.Outcome.REFUSED)
        .setRefusal(refusal)
        .build();
  }
}

package org.liaison.node.workflow.consent;

import com.google.protobuf.Message;
import io.grpc.Status;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.liaison.agreements.Agreement;
import org.liaison.node.config.NodeConfig;
import org.liaison.node.workflow.AgreementChoice;
import org.liaison.node.workflow.DueTimes;
import org.liaison.node.workflow.RecordLookup;
import org.liaison.node.workflow.RecordLookup.HeldRecord;
import org.liaison.node.workflow.Workflow;
import org.liaison.node.workflow.WorkflowEngine;
import org.liaison.node.workflow.WorkflowException;
import org.liaison.wire.v1.ConsentAnswer;
import org.liaison.wire.v1.ConsentAsk;
import org.liaison.wire.v1.ConsentDraft;
import org.liaison.wire.v1.ConsentMessage;
import org.liaison.wire.v1.ConsentRequest;
import org.liaison.wire.v1.Reason;
import org.liaison.wire.v1.WorkflowAnswer;
import org.liaison.wire.v1.WorkflowDecision;
import org.liaison.wire.v1.WorkflowKind;

/**
 * Consent to onward sharing (the third-party rule): the holder of a record that came from another
 * agency asks that originator whether it may pass the record on to a third agency; the originator's
 * officer grants (with conditions) or refuses. Both nodes keep the answer; the holder's {@link
 * WorkflowConsentLedger} lets the next query disclose the record.
 */
@ApplicationScoped
public class ConsentService {
  @Inject WorkflowEngine engine;
  @Inject AgreementChoice choice;
  @Inject RecordLookup records;
  @Inject NodeConfig config;

  public Workflow request(ConsentDraft d, String officer) {
    if (!d.getHolder().isBlank()) {
      return ask(d, officer);
    }
    if (d.getRecordId().isBlank() || d.getForAgency().isBlank()) {
      throw WorkflowException.invalid(
          "a consent request needs the record (--record) and the agency it would go to (--for)");
    }
    HeldRecord record =
        records
            .find(d.getRecordId(), false)
            .orElseThrow(
                () -> WorkflowException.notFound("this node holds no record " + d.getRecordId()));
    if (!record.fromThirdParty()) {
      throw WorkflowException.invalid(
          "record "
              + d.getRecordId()
              + " is "
              + config.agency()
              + "'s own; its onward sharing needs no consent");
    }
    String originator = record.originator();
    if (d.getForAgency().equals(config.agency())) {
      throw WorkflowException.invalid(
          "consent is asked for another agency (--for); to ask a partner that withheld its record"
              + " from "
              + config.agency()
              + ", name that partner (--holder)");
    }
    if (d.getForAgency().equals(originator)) {
      throw WorkflowException.invalid(originator + " is the originator of " + d.getRecordId());
    }
    return start(
        d,
        originator,
        d.getRecordId(),
        d.getForAgency(),
        officer,
        "onward disclosure of "
            + record.category()
            + " record "
            + d.getRecordId()
            + " to "
            + d.getForAgency(),
        (Instant due) ->
            ConsentRequest.newBuilder()
                .setRecordId(d.getRecordId())
                .setRecordCategory(record.category())
                .setRequestingAgency(d.getForAgency())
                .setJustification(d.getJustification())
                .setDueEpochMs(DueTimes.toWire(due))
                .build(),
        ConsentMessage.Builder::setRequest);
  }

  /**
   * Asks a partner that withheld its record from this agency to seek the originator's consent: the
   * holder passes it on to the originator and answers with the originator's answer ({@link
   * ConsentAsks}); once granted, the holder's next answer to this agency discloses the record.
   */
  private Workflow ask(ConsentDraft d, String officer) {
    String holder = d.getHolder().strip();
    String me = config.agency();
    if (d.getRecordId().isBlank()) {
      throw WorkflowException.invalid(
          "asking " + holder + " for the originator's consent needs its record id (--record)");
    }
    if (!d.getForAgency().isBlank() && !d.getForAgency().equals(me)) {
      throw WorkflowException.invalid(
          "a consent asked of a holder (--holder) is for this agency, "
              + me
              + ", not "
              + d.getForAgency());
    }
    String recordId = d.getRecordId().strip();
    return start(
        d,
        holder,
        recordId,
        me,
        officer,
        "the originator's consent for " + holder + "'s record " + recordId + " to reach " + me,
        (Instant due) ->
            ConsentAsk.newBuilder()
                .setRecordId(recordId)
                .setJustification(d.getJustification())
                .setDueEpochMs(DueTimes.toWire(due))
                .build(),
        ConsentMessage.Builder::setAsk);
  }

  /**
   * Starts a consent workflow with {@code partner} (the originator asked for consent, or a holder
   * asked to seek it) under the agreement with it, due when that agreement says: {@code body} is
   * the request or the ask, made with its due time, and {@code into} puts it in the message.
   */
  private <B extends Message> Workflow start(
      ConsentDraft d,
      String partner,
      String recordId,
      String forAgency,
      String officer,
      String detail,
      Function<Instant, B> body,
      BiFunction<ConsentMessage.Builder, B, ConsentMessage.Builder> into) {
    Agreement a = choice.choose(partner, "", ag -> true, "consent requests");
    return engine.start(
        new WorkflowEngine.Opening(
            WorkflowKind.CONSENT,
            AgreementChoice.scope(partner, a, d.getPurpose(), d.getCaseReference()),
            recordId,
            forAgency,
            officer,
            detail),
        a,
        body,
        (step, made) -> into.apply(ConsentMessage.newBuilder().setStep(step), made).build());
  }

  public Workflow answer(WorkflowAnswer a, String officer) {
    if (a.getDecision() == WorkflowDecision.GRANT
        && engine.find(a.getWorkflowId()).filter(ConsentAsks::isAsk).isPresent()) {
      Workflow w = engine.require(a.getWorkflowId());
      throw new WorkflowException(
          Status.Code.PERMISSION_DENIED,
          Reason.NOT_ORIGINATOR,
          "only the record's originator can grant "
              + w.scope.partnerAgency()
              + " the consent it asked for "
              + w.recordRef
              + "; "
              + config.agency()
              + " passed the request on and answers with the originator's answer (refusing it"
              + " here is possible)");
    }
    String detail;
    switch (a.getDecision()) {
      case GRANT ->
          detail = a.getConditions().isBlank() ? "granted" : "conditions: " + a.getConditions();
      case REFUSE -> {
        if (a.getReason().isBlank()) {
          throw WorkflowException.invalid("refusing consent needs the reason (--reason)");
        }
        detail = a.getReason();
      }
      default ->
          throw WorkflowException.invalid("a consent request is answered with GRANT or REFUSE");
    }
    ConsentAnswer answer =
        ConsentAnswer.newBuilder()
            .setDecision(a.getDecision())
            .setConditions(a.getConditions())
            .setReason(a.getReason())
            .build();
    return engine.answer(
        a.getWorkflowId(),
        a.getDecision(),
        answer,
        officer,
        detail,
        step -> ConsentMessage.newBuilder().setStep(step).setAnswer(answer).build());
  }
}

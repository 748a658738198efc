package org.liaison.node.workflow.rfi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import org.liaison.agreements.Agreement;
import org.liaison.agreements.AgreementStore;
import org.liaison.node.config.NodeConfig;
import org.liaison.node.consent.ConsentLedger;
import org.liaison.node.disclosure.DisclosureLedger;
import org.liaison.node.federation.ExchangeScope;
import org.liaison.node.workflow.AgreementChoice;
import org.liaison.node.workflow.DueTimes;
import org.liaison.node.workflow.RecordLookup;
import org.liaison.node.workflow.RecordLookup.HeldRecord;
import org.liaison.node.workflow.Workflow;
import org.liaison.node.workflow.WorkflowEngine;
import org.liaison.node.workflow.WorkflowException;
import org.liaison.node.workflow.delivery.WorkflowMessages;
import org.liaison.wire.text.GrantConditions;
import org.liaison.wire.v1.InfoAnswer;
import org.liaison.wire.v1.InfoRequest;
import org.liaison.wire.v1.InfoRequestDraft;
import org.liaison.wire.v1.RfiMessage;
import org.liaison.wire.v1.WorkflowAnswer;
import org.liaison.wire.v1.WorkflowDecision;
import org.liaison.wire.v1.WorkflowKind;
import org.liaison.wire.vocabulary.Vocabulary;

/**
 * Requests for information: an officer asks a partner for more of a record than the automatic tier;
 * the partner's officer approves, approves in part or declines, and the approved content (filtered
 * by the agreements) goes back sealed.
 */
@ApplicationScoped
public class RfiService {
  @Inject WorkflowEngine engine;
  @Inject AgreementChoice choice;
  @Inject AgreementStore agreements;
  @Inject RecordLookup records;
  @Inject ConsentLedger consents;
  @Inject NodeConfig config;
  @Inject DisclosureLedger disclosures;

  public Workflow request(InfoRequestDraft d, String officer) {
    require(d.getPartner(), "the partner agency (--partner)");
    require(d.getRecordId(), "the partner's record id (--record)");
    require(d.getPurpose(), "the purpose (--purpose)");
    require(d.getJustification(), "a justification (--justification)");
    if (Vocabulary.crimeCategory(d.getPurpose()).isEmpty()) {
      throw WorkflowException.invalid("unknown purpose " + d.getPurpose());
    }
    String me = config.agency();
    Agreement a =
        choice.choose(
            d.getPartner(),
            d.getAgreementId(),
            ag ->
                ag.direction(d.getPartner(), me)
                    .map(
                        dir ->
                            dir.purposes().contains(Vocabulary.crimeCategory(d.getPurpose()).get()))
                    .orElse(false),
            "requests from " + me + " for the purpose " + d.getPurpose());
    return engine.start(
        new WorkflowEngine.Opening(
            WorkflowKind.INFORMATION_REQUEST,
            new ExchangeScope(d.getPartner(), a.id(), d.getPurpose(), d.getCaseReference()),
            d.getRecordId(),
            null,
            officer,
            d.getJustification()),
        a,
        due ->
            InfoRequest.newBuilder()
                .setRecordId(d.getRecordId())
                .setJustification(d.getJustification())
                .setOfficerRole(d.getOfficerRole())
                .addAllFields(d.getFieldsList())
                .setDueEpochMs(DueTimes.toWire(due))
                .build(),
        (step, request) -> RfiMessage.newBuilder().setStep(step).setRequest(request).build());
  }

  /** One transaction: the disclosure is in the ledger exactly when its answer is queued. */
  @Transactional
  public Workflow answer(WorkflowAnswer a, String officer) {
    Workflow w = engine.require(a.getWorkflowId());
    InfoRequest request = WorkflowMessages.decode(InfoRequest.parser(), w.requestB64);
    InfoAnswer.Builder answer =
        InfoAnswer.newBuilder().setDecision(a.getDecision()).setReason(a.getReason());
    String detail;
    switch (a.getDecision()) {
      case DECLINE -> {
        require(a.getReason(), "the reason for declining (--reason)");
        detail = a.getReason();
      }
      case APPROVE, APPROVE_IN_PART -> {
        if (a.getDecision() == WorkflowDecision.APPROVE_IN_PART && a.getFieldsCount() == 0) {
          throw WorkflowException.invalid("approving in part needs the fields approved (--fields)");
        }
        boolean granted = consents.granted(request.getRecordId(), w.scope.partnerAgency());
        HeldRecord record =
            records
                .find(request.getRecordId(), granted)
                .orElseThrow(
                    () ->
                        WorkflowException.notFound(
                            "this node holds no record "
                                + request.getRecordId()
                                + "; decline the request"));
        List<String> caveats = new ArrayList<>();
        if (granted) {
          caveats.addAll(consents.grantCaveats(request.getRecordId(), w.scope.partnerAgency()));
        }
        caveats.addAll(GrantConditions.caveats(config.agency(), a.getConditions()));
        answer.setDisclosure(
            RfiDisclosure.of(
                agreements.all(),
                config.agency(),
                w.scope.asHeader(),
                request.getOfficerRole(),
                record,
                request.getFieldsList(),
                a.getDecision() == WorkflowDecision.APPROVE_IN_PART ? a.getFieldsList() : List.of(),
                caveats));
        detail =
            "fields "
                + answer.getDisclosure().getFieldsMap().keySet()
                + (a.getConditions().isBlank() ? "" : ", conditions: " + a.getConditions().strip());
        disclosures.disclosed(
            w.scope.partnerAgency(), List.of(request.getRecordId()), w.workflowId);
      }
      default ->
          throw WorkflowException.invalid(
              "a request for information is answered with APPROVE, APPROVE_IN_PART or DECLINE");
    }
    InfoAnswer built = answer.build();
    return engine.answer(
        w.workflowId,
        a.getDecision(),
        built,
        officer,
        detail,
        step -> RfiMessage.newBuilder().setStep(step).setAnswer(built).build());
  }

  static void require(String value, String what) {
    if (value == null || value.isBlank()) {
      throw WorkflowException.invalid("the request needs " + what);
    }
  }
}

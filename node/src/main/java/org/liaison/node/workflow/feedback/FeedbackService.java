package org.liaison.node.workflow.feedback;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.liaison.agreements.Agreement;
import org.liaison.agreements.AgreementStore;
import org.liaison.agreements.Party;
import org.liaison.node.config.NodeConfig;
import org.liaison.node.workflow.AgreementChoice;
import org.liaison.node.workflow.RecordLookup;
import org.liaison.node.workflow.Workflow;
import org.liaison.node.workflow.WorkflowEngine;
import org.liaison.node.workflow.WorkflowException;
import org.liaison.wire.v1.FeedbackDraft;
import org.liaison.wire.v1.FeedbackDuty;
import org.liaison.wire.v1.FeedbackMessage;
import org.liaison.wire.v1.FeedbackReport;
import org.liaison.wire.v1.ResultKind;
import org.liaison.wire.v1.WorkflowKind;
import org.liaison.wire.v1.WorkflowSide;

/**
 * Feedback on results: when a case records a seizure, arrest, charge, conviction or removal that
 * used information another agency disclosed, the originator's node receives it, linked to the
 * disclosure (record id and, when known, the message that carried it).
 */
@ApplicationScoped
public class FeedbackService {
  @Inject WorkflowEngine engine;
  @Inject AgreementChoice choice;
  @Inject AgreementStore agreements;
  @Inject RecordLookup records;
  @Inject NodeConfig config;

  public Workflow record(FeedbackDraft d, String officer) {
    if (d.getResult() == ResultKind.RESULT_UNSPECIFIED) {
      throw WorkflowException.invalid(
          "feedback needs the result (--result SEIZURE, ARREST, CHARGE, CONVICTION or REMOVAL)");
    }
    if (d.getRecordId().isBlank()) {
      throw WorkflowException.invalid("feedback needs the disclosed record it is about (--record)");
    }
    if (!d.getOccurredOn().isBlank()) {
      try {
        LocalDate.parse(d.getOccurredOn());
      } catch (DateTimeParseException e) {
        throw WorkflowException.invalid(
            "--on must be a date like 2026-03-14, not " + d.getOccurredOn());
      }
    }
    String partner = d.getPartner();
    if (partner.isBlank()) {
      partner =
          records
              .find(d.getRecordId(), false)
              .filter(RecordLookup.HeldRecord::fromThirdParty)
              .map(RecordLookup.HeldRecord::originator)
              .orElseThrow(
                  () ->
                      WorkflowException.invalid(
                          "record "
                              + d.getRecordId()
                              + " is not held here from another agency; name the originator (--partner)"));
    }
    String originator = partner;
    Agreement a =
        choice.choose(
            originator,
            d.getAgreementId(),
            ag -> ag.feedback() != null && ag.feedback().owedToOriginator(),
            "feedback to the originator");
    return engine.start(
        new WorkflowEngine.Opening(
            WorkflowKind.FEEDBACK,
            AgreementChoice.scope(originator, a, d.getPurpose(), d.getCaseReference()),
            d.getRecordId(),
            null,
            officer,
            d.getResult() + " using record " + d.getRecordId()),
        null,
        due ->
            FeedbackReport.newBuilder()
                .setResult(d.getResult())
                .setRecordId(d.getRecordId())
                .setDisclosureMessageId(d.getDisclosureMessageId())
                .setDetail(d.getDetail())
                .setOccurredOn(d.getOccurredOn())
                .build(),
        (step, report) -> FeedbackMessage.newBuilder().setStep(step).setReport(report).build());
  }

  /**
   * Per partner whose agreement owes it feedback: the agreement, the days allowed, feedback sent,
   * and the records held from it that no feedback was sent about yet.
   */
  public List<FeedbackDuty> duties(String onlyPartner) {
    String me = config.agency();
    List<FeedbackDuty> duties = new ArrayList<>();
    for (var status : agreements.all()) {
      if (!status.inForce() || status.agreement().isEmpty()) {
        continue;
      }
      Agreement a = status.agreement().get();
      if (!a.hasParty(me) || a.feedback() == null || !a.feedback().owedToOriginator()) {
        continue;
      }
      for (Party p : a.parties()) {
        String partner = p.agency();
        if (partner.equals(me) || (!onlyPartner.isBlank() && !onlyPartner.equals(partner))) {
          continue;
        }
        List<Workflow> sent =
            engine.list(WorkflowKind.FEEDBACK, partner, false).stream()
                .filter(w -> w.side == WorkflowSide.REQUESTER)
                .toList();
        Set<String> fedBack = new HashSet<>();
        sent.forEach(w -> fedBack.add(w.recordRef));
        duties.add(
            FeedbackDuty.newBuilder()
                .setPartnerAgency(partner)
                .setAgreementId(a.id())
                .setWithinDays(a.feedback().withinDays())
                .setFeedbackSent(sent.size())
                .addAllOpenRecordIds(
                    records.fromOriginator(partner).stream()
                        .filter(id -> !fedBack.contains(id))
                        .toList())
                .build());
      }
    }
    return duties;
  }
}

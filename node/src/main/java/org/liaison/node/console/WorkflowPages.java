package org.liaison.node.console;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.liaison.wire.v1.ConsentDraft;
import org.liaison.wire.v1.FeedbackDraft;
import org.liaison.wire.v1.FeedbackDutiesRequest;
import org.liaison.wire.v1.ResultKind;
import org.liaison.wire.v1.WorkflowAnswer;
import org.liaison.wire.v1.WorkflowDecision;
import org.liaison.wire.v1.WorkflowKind;
import org.liaison.wire.v1.WorkflowQuery;

/**
 * The inbox (requests for information, consent and designation awaiting this agency's answer,
 * approved with chosen fields or declined with a reason), consent requests, and feedback.
 */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class WorkflowPages {
  @Inject ConsoleRequest request;
  @Inject WorkflowCalls calls;

  @Location("console/inbox.html")
  Template inbox;

  @Location("console/feedback.html")
  Template feedback;

  @GET
  @Path("inbox")
  public TemplateInstance inbox() {
    var workflows = calls.stub();
    List<WorkflowViews.ItemView> awaiting =
        workflows
            .list(WorkflowQuery.newBuilder().setAwaitingUs(true).build())
            .getItemsList()
            .stream()
            .map(WorkflowViews.ItemView::of)
            .toList();
    List<WorkflowViews.ItemView> all =
        workflows.list(WorkflowQuery.getDefaultInstance()).getItemsList().stream()
            .filter(i -> !i.getAwaitingUs())
            .map(WorkflowViews.ItemView::of)
            .toList();
    return request.page(inbox, "inbox").data("awaiting", awaiting).data("others", all);
  }

  @POST
  @Path("inbox/{id}")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public TemplateInstance answer(
      @PathParam("id") String id,
      @FormParam("decision") String decision,
      @FormParam("field") List<String> fields,
      @FormParam("asked") List<String> asked,
      @FormParam("reason") String reason,
      @FormParam("conditions") String conditions) {
    WorkflowDecision d;
    try {
      d = WorkflowDecision.valueOf(Subjects.orEmpty(decision));
    } catch (IllegalArgumentException e) {
      return request.refusal("Choose approve or decline.");
    }
    List<String> chosen = fields == null ? List.of() : fields;
    if (d == WorkflowDecision.APPROVE
        && asked != null
        && !asked.isEmpty()
        && !chosen.containsAll(asked)) {
      d = WorkflowDecision.APPROVE_IN_PART;
    }
    WorkflowAnswer answer =
        WorkflowAnswer.newBuilder()
            .setWorkflowId(id)
            .setDecision(d)
            .addAllFields(d == WorkflowDecision.APPROVE_IN_PART ? chosen : List.of())
            .setReason(Subjects.orEmpty(reason))
            .setConditions(Subjects.orEmpty(conditions))
            .build();
    return calls.itemOrError(workflows -> workflows.answer(answer));
  }

  /**
   * The originator's consent, asked in one click: for one of this agency's records, to pass it on
   * to a partner ({@code for}); or, from a query's answer, for a partner's record withheld from
   * this agency, which the partner (the {@code holder}) then seeks from the originator. The form
   * names one of the two; the workflow service tells the two requests apart by the holder.
   */
  @POST
  @Path("consent")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public TemplateInstance askConsent(
      @FormParam("record") String record,
      @FormParam("for") String forAgency,
      @FormParam("holder") String holder,
      @FormParam("purpose") String purpose,
      @FormParam("case") String caseReference,
      @FormParam("justification") String justification) {
    ConsentDraft draft =
        ConsentDraft.newBuilder()
            .setRecordId(Subjects.orEmpty(record))
            .setForAgency(Subjects.orEmpty(forAgency))
            .setHolder(Subjects.orEmpty(holder))
            .setPurpose(Subjects.orEmpty(purpose))
            .setCaseReference(Subjects.orEmpty(caseReference))
            .setJustification(Subjects.orEmpty(justification))
            .build();
    return calls.itemOrError(workflows -> workflows.requestConsent(draft));
  }

  @GET
  @Path("feedback")
  public TemplateInstance feedback() {
    var duties =
        calls
            .stub()
            .feedbackDuties(FeedbackDutiesRequest.getDefaultInstance())
            .getDutiesList()
            .stream()
            .map(WorkflowViews.DutyView::of)
            .toList();
    var sent =
        calls
            .stub()
            .list(WorkflowQuery.newBuilder().setKind(WorkflowKind.FEEDBACK).build())
            .getItemsList()
            .stream()
            .map(WorkflowViews.ItemView::of)
            .toList();
    return request
        .page(feedback, "feedback")
        .data("duties", duties)
        .data("items", sent)
        .data(
            "results",
            List.of(
                ResultKind.SEIZURE.name(),
                ResultKind.ARREST.name(),
                ResultKind.CHARGE.name(),
                ResultKind.CONVICTION.name(),
                ResultKind.REMOVAL.name()));
  }

  @POST
  @Path("feedback")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public TemplateInstance recordFeedback(
      @FormParam("partner") String partner,
      @FormParam("record") String record,
      @FormParam("result") String result,
      @FormParam("case") String caseReference,
      @FormParam("detail") String detail,
      @FormParam("occurred") String occurredOn) {
    ResultKind kind;
    try {
      kind = ResultKind.valueOf(Subjects.orEmpty(result));
    } catch (IllegalArgumentException e) {
      return request.refusal("Choose the result (seizure, arrest, ...).");
    }
    FeedbackDraft draft =
        FeedbackDraft.newBuilder()
            .setPartner(Subjects.orEmpty(partner).trim())
            .setRecordId(Subjects.orEmpty(record))
            .setResult(kind)
            .setCaseReference(Subjects.orEmpty(caseReference))
            .setDetail(Subjects.orEmpty(detail))
            .setOccurredOn(Subjects.orEmpty(occurredOn))
            .build();
    return calls.itemOrError(workflows -> workflows.recordFeedback(draft));
  }
}

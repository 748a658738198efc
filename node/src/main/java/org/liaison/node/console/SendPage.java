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
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.List;
import org.liaison.wire.v1.DesignatedAgentsRequest;
import org.liaison.wire.v1.DesignationDraft;
import org.liaison.wire.v1.InfoRequestDraft;
import org.liaison.wire.v1.WorkflowKind;
import org.liaison.wire.v1.WorkflowQuery;
import org.liaison.wire.v1.WorkflowSide;

/**
 * What an officer sends a partner, as the CLI's {@code request send} and {@code designation
 * request} do: a request for information about a partner's record (opened from a query's answer,
 * filled in) and a designation request; with the requests sent and the agents designated.
 */
@Path("/console/send")
@Produces(MediaType.TEXT_HTML)
public class SendPage {
  @Inject ConsoleRequest request;
  @Inject WorkflowCalls calls;

  @Location("console/send.html")
  Template page;

  /** The forms, the request for information filled in from the answer the officer came from. */
  @GET
  public TemplateInstance form(
      @QueryParam("partner") String partner,
      @QueryParam("record") String record,
      @QueryParam("purpose") String purpose,
      @QueryParam("case") String caseReference,
      @QueryParam("role") String role) {
    var workflows = calls.stub();
    var sent =
        workflows.list(WorkflowQuery.getDefaultInstance()).getItemsList().stream()
            .filter(i -> i.getSide() == WorkflowSide.REQUESTER)
            .filter(
                i ->
                    i.getKind() == WorkflowKind.INFORMATION_REQUEST
                        || i.getKind() == WorkflowKind.DESIGNATION)
            .map(WorkflowViews.ItemView::of)
            .toList();
    var agents =
        workflows
            .designatedAgents(DesignatedAgentsRequest.getDefaultInstance())
            .getAgentsList()
            .stream()
            .map(WorkflowViews.AgentView::of)
            .toList();
    return request
        .page(page, "send")
        .data("purposes", Purposes.ALL)
        .data("roles", Purposes.ROLES)
        .data(
            "rfi",
            new Prefill(
                Subjects.orEmpty(partner),
                Subjects.orEmpty(record),
                Subjects.orEmpty(purpose),
                Subjects.orEmpty(caseReference),
                Subjects.orEmpty(role)))
        .data("sent", sent)
        .data("agents", agents);
  }

  /** What the request for information form starts with. */
  public record Prefill(
      String partner, String record, String purpose, String caseReference, String role) {}

  @POST
  @Path("information")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public TemplateInstance requestInformation(
      @FormParam("partner") String partner,
      @FormParam("record") String record,
      @FormParam("purpose") String purpose,
      @FormParam("case") String caseReference,
      @FormParam("role") String role,
      @FormParam("fields") String fields,
      @FormParam("justification") String justification) {
    InfoRequestDraft draft =
        InfoRequestDraft.newBuilder()
            .setPartner(Subjects.orEmpty(partner))
            .setRecordId(Subjects.orEmpty(record))
            .setPurpose(Subjects.orEmpty(purpose))
            .setCaseReference(Subjects.orEmpty(caseReference))
            .setOfficerRole(Subjects.orEmpty(role))
            .addAllFields(split(fields, "[,\\s]+"))
            .setJustification(Subjects.orEmpty(justification))
            .build();
    return calls.itemOrError(workflows -> workflows.requestInformation(draft));
  }

  @POST
  @Path("designation")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public TemplateInstance requestDesignation(
      @FormParam("partner") String partner,
      @FormParam("agents") String agents,
      @FormParam("authority") String authority,
      @FormParam("case") String caseReference,
      @FormParam("justification") String justification) {
    DesignationDraft draft =
        DesignationDraft.newBuilder()
            .setPartner(Subjects.orEmpty(partner))
            .addAllAgents(split(agents, "\\R"))
            .setAuthority(Subjects.orEmpty(authority))
            .setCaseReference(Subjects.orEmpty(caseReference))
            .setJustification(Subjects.orEmpty(justification))
            .build();
    return calls.itemOrError(workflows -> workflows.requestDesignation(draft));
  }

  /** The non-blank parts of a text field: fields by comma or space, agents one per line. */
  static List<String> split(String text, String separator) {
    if (Subjects.blank(text)) {
      return List.of();
    }
    return Arrays.stream(text.split(separator))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .toList();
  }
}

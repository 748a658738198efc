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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.liaison.wire.v1.OfficerGrpc;
import org.liaison.wire.v1.OfficerQueryRequest;
import org.liaison.wire.v1.PartnerAnswer;

/** Query an identifier or a person: each partner's answer appears as it arrives. */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class QueryPage {
  @Inject ConsoleRequest request;
  @Inject ConsoleChannel channel;
  @Inject AnswerStreams answers;

  @Location("console/query.html")
  Template page;

  @Location("console/query-answer.html")
  Template answer;

  @GET
  public Response root() {
    return Response.seeOther(URI.create("/console/query")).build();
  }

  @GET
  @Path("query")
  public TemplateInstance form() {
    return request.page(page, "query").data("purposes", Purposes.ALL).data("roles", Purposes.ROLES);
  }

  @POST
  @Path("query")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public TemplateInstance ask(
      @FormParam("type") String type,
      @FormParam("value") String value,
      @FormParam("country") String country,
      @FormParam("name") String name,
      @FormParam("dob") String dob,
      @FormParam("purpose") String purpose,
      @FormParam("case") String caseReference,
      @FormParam("role") String role) {
    final OfficerQueryRequest query;
    try {
      query =
          OfficerQueryRequest.newBuilder()
              .setQuery(
                  Subjects.subject(type, value, country, name, dob)
                      .setOfficerRole(Subjects.orEmpty(role)))
              .setPurpose(Subjects.orEmpty(purpose))
              .setCaseReference(Subjects.orEmpty(caseReference))
              .build();
    } catch (Subjects.FormError e) {
      return request.refusal(e.getMessage());
    }
    LiveAnswers<PartnerAnswer> out =
        answers.open(
            a ->
                answer
                    .data("a", AnswerViews.QueryAnswerView.of(a))
                    .data("purpose", query.getPurpose())
                    .data("caseReference", query.getCaseReference())
                    .data("role", query.getQuery().getOfficerRole()));
    OfficerGrpc.newStub(channel.as(request.officer())).query(query, out);
    return answers.fragment(out);
  }
}

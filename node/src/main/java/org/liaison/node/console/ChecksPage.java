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
import java.util.function.Function;
import org.liaison.wire.v1.DeconflictionGrpc;
import org.liaison.wire.v1.EventCheckAnswer;
import org.liaison.wire.v1.OfficerCheckRequest;
import org.liaison.wire.v1.OfficerGrpc;
import org.liaison.wire.v1.PartnerCheckAnswer;
import org.liaison.wire.v1.PlanOperationRequest;
import org.liaison.wire.v1.QueryRequest;

/** Target and person de-confliction on demand, and planned operations checked for conflicts. */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class ChecksPage {
  @Inject ConsoleRequest request;
  @Inject ConsoleChannel channel;
  @Inject AnswerStreams answers;

  @Location("console/checks.html")
  Template checks;

  @Location("console/operations.html")
  Template operations;

  @Location("console/check-answer.html")
  Template answer;

  @GET
  @Path("checks")
  public TemplateInstance checksForm() {
    return request.page(checks, "checks");
  }

  @POST
  @Path("checks")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public TemplateInstance check(
      @FormParam("type") String type,
      @FormParam("value") String value,
      @FormParam("country") String country,
      @FormParam("name") String name,
      @FormParam("dob") String dob,
      @FormParam("case") String caseReference) {
    OfficerCheckRequest.Builder check =
        OfficerCheckRequest.newBuilder().setCaseReference(Subjects.orEmpty(caseReference));
    try {
      QueryRequest.Builder subject = Subjects.subject(type, value, country, name, dob);
      if (subject.hasIdentifier()) {
        check.setIdentifier(subject.getIdentifier());
      } else {
        check.setPerson(subject.getPerson());
      }
    } catch (Subjects.FormError e) {
      return request.refusal(e.getMessage());
    }
    LiveAnswers<PartnerCheckAnswer> out = liveAnswers(AnswerViews.CheckAnswerView::of);
    OfficerGrpc.newStub(channel.as(request.officer())).check(check.build(), out);
    return answers.fragment(out);
  }

  @GET
  @Path("operations")
  public TemplateInstance operationsForm() {
    return request.page(operations, "operations");
  }

  @POST
  @Path("operations")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public TemplateInstance plan(
      @FormParam("case") String caseReference,
      @FormParam("type") String type,
      @FormParam("lat") String lat,
      @FormParam("lon") String lon,
      @FormParam("radius") String radius,
      @FormParam("address") String address,
      @FormParam("from") String from,
      @FormParam("to") String to) {
    PlanOperationRequest plan;
    try {
      plan =
          PlanOperationRequest.newBuilder()
              .setCaseReference(Subjects.orEmpty(caseReference))
              .setType(Subjects.orEmpty(type))
              .setLatitude(Double.parseDouble(Subjects.orEmpty(lat)))
              .setLongitude(Double.parseDouble(Subjects.orEmpty(lon)))
              .setRadiusMetres(Integer.parseInt(Subjects.orEmpty(radius)))
              .setAddress(Subjects.orEmpty(address))
              .setStart(Subjects.orEmpty(from))
              .setEnd(Subjects.orEmpty(to))
              .build();
    } catch (NumberFormatException e) {
      return request.refusal(
          "Give the latitude and longitude in decimal degrees and the radius in whole metres.");
    }
    LiveAnswers<EventCheckAnswer> out = liveAnswers(AnswerViews.CheckAnswerView::of);
    DeconflictionGrpc.newStub(channel.as(request.officer())).planOperation(plan, out);
    return answers.fragment(out);
  }

  /** Each partner's answer, rendered into a new live stream as it arrives. */
  private <A> LiveAnswers<A> liveAnswers(Function<A, AnswerViews.CheckAnswerView> view) {
    return answers.open(a -> answer.data("a", view.apply(a)));
  }
}

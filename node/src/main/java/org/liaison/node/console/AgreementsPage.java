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
import java.util.List;
import org.liaison.agreements.Agreement;
import org.liaison.agreements.AgreementStatus;
import org.liaison.agreements.AgreementStore;
import org.liaison.agreements.Direction;
import org.liaison.node.config.NodeConfig;
import org.liaison.wire.text.Sentences;
import org.liaison.wire.v1.OfficerGrpc;
import org.liaison.wire.v1.WhyAnswer;
import org.liaison.wire.v1.WhyRequest;

/**
 * The agreements this agency is party to, with their clauses, and "why" a partner would (or would
 * not) get one of this node's records, clause by clause. A withheld record offers the one-click
 * request for the originator's consent.
 */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class AgreementsPage {
  @Inject ConsoleRequest request;
  @Inject ConsoleChannel channel;
  @Inject AgreementStore agreements;
  @Inject NodeConfig config;

  @Location("console/agreements.html")
  Template page;

  @Location("console/why.html")
  Template why;

  public record DirectionView(
      String clause, String purposes, String roles, List<String> records, String onward) {}

  public record AgreementView(
      String id,
      String title,
      String state,
      boolean inForce,
      String sentence,
      String start,
      String end,
      String parties,
      int queriesPerDay,
      int respondWithinHours,
      List<DirectionView> directions) {}

  public record WhyView(
      String outcome,
      String tier,
      String fields,
      String caveats,
      String agreement,
      String clause,
      String sentence,
      List<String> checks) {}

  @GET
  @Path("agreements")
  public TemplateInstance agreements() {
    String own = config.agency();
    List<AgreementView> views =
        agreements.all().stream()
            .filter(s -> s.agreement().map(a -> a.hasParty(own)).orElse(false))
            .map(AgreementsPage::view)
            .toList();
    return request
        .page(page, "agreements")
        .data("agreements", views)
        .data("purposes", Purposes.ALL);
  }

  private static AgreementView view(AgreementStatus s) {
    Agreement a = s.agreement().orElseThrow();
    return new AgreementView(
        s.id(),
        a.title(),
        s.state().name(),
        s.inForce(),
        s.sentence(),
        a.start().toString(),
        a.end().toString(),
        String.join(", ", a.parties().stream().map(p -> p.agency()).toList()),
        a.rateLimits() == null ? 0 : a.rateLimits().queriesPerDay(),
        a.serviceLevels() == null ? 0 : a.serviceLevels().respondWithinHours(),
        a.directions().stream().map(AgreementsPage::view).toList());
  }

  private static DirectionView view(Direction d) {
    return new DirectionView(
        d.clause() + " " + d.from() + " → " + d.to(),
        String.join(", ", d.purposes().stream().map(Enum::name).sorted().toList()),
        String.join(", ", d.roles().stream().sorted().toList()),
        d.records().values().stream()
            .map(
                t ->
                    t.category()
                        + ": "
                        + t.tier()
                        + (t.fields().isEmpty()
                            ? ""
                            : " ("
                                + String.join(", ", t.fields().stream().sorted().toList())
                                + ")"))
            .sorted()
            .toList(),
        d.onward().isEmpty() ? "" : d.onward().toString());
  }

  @POST
  @Path("why")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public TemplateInstance why(
      @FormParam("record") String record,
      @FormParam("partner") String partner,
      @FormParam("purpose") String purpose,
      @FormParam("role") String role,
      @FormParam("case") String caseReference) {
    try {
      WhyAnswer a =
          channel
              .blocking(request.officer(), OfficerGrpc::newBlockingStub)
              .why(
                  WhyRequest.newBuilder()
                      .setRecordId(Subjects.orEmpty(record))
                      .setPartnerAgency(Subjects.orEmpty(partner))
                      .setPurpose(Subjects.orEmpty(purpose))
                      .setOfficerRole(Subjects.orEmpty(role))
                      .setCaseReference(Subjects.orEmpty(caseReference))
                      .build());
      return request
          .fragment(why)
          .data(
              "why",
              new WhyView(
                  a.getOutcome().name(),
                  a.getTier().name(),
                  String.join(", ", a.getFieldsList()),
                  String.join(" ", a.getCaveatsList()),
                  a.getAgreementId(),
                  a.getClause(),
                  Sentences.because(a.getReason(), a.getSentence()),
                  a.getChecksList()))
          .data("withheld", a.getOutcome() == WhyAnswer.Outcome.WITHHELD)
          .data("record", Subjects.orEmpty(record))
          .data("partner", Subjects.orEmpty(partner))
          .data("purpose", Subjects.orEmpty(purpose))
          .data("case", Subjects.orEmpty(caseReference));
    } catch (RuntimeException e) {
      return request.callFailed(e);
    }
  }
}

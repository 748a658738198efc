package org.liaison.node.console;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.liaison.wire.v1.DeconflictionGrpc;
import org.liaison.wire.v1.NodeStatus;
import org.liaison.wire.v1.OfficerGrpc;
import org.liaison.wire.v1.QuotaReport;
import org.liaison.wire.v1.QuotaRequest;
import org.liaison.wire.v1.StatusRequest;

/**
 * Who the node is, what it holds, the partners in force, and today's quotas with each partner: the
 * CLI's {@code status} and {@code quota}.
 */
@Path("/console/status")
@Produces(MediaType.TEXT_HTML)
public class StatusPage {
  @Inject ConsoleRequest request;
  @Inject ConsoleChannel channel;

  @Location("console/status.html")
  Template page;

  @GET
  public TemplateInstance status() {
    NodeStatus status =
        channel
            .blocking(request.officer(), OfficerGrpc::newBlockingStub)
            .status(StatusRequest.getDefaultInstance());
    QuotaReport quota =
        channel
            .blocking(request.officer(), DeconflictionGrpc::newBlockingStub)
            .quota(QuotaRequest.getDefaultInstance());
    return request
        .page(page, "status")
        .data(
            "node",
            new NodeView(
                status.getAgency(),
                status.getNode(),
                status.getVersion(),
                status.getCases(),
                status.getRecords(),
                status.getIdentifiers(),
                status.getPendingChecks()))
        .data(
            "partners",
            status.getPartnersList().stream()
                .map(
                    p ->
                        new PartnerView(
                            p.getAgency(), p.getAgreementId(), p.getInForce(), p.getReason()))
                .toList())
        .data("day", quota.getDay())
        .data(
            "quotas",
            quota.getPartnersList().stream()
                .map(
                    q ->
                        new QuotaView(
                            q.getPartnerAgency(),
                            q.getAgreementId(),
                            q.getAnsweredToday() + "/" + q.getAnsweredLimit(),
                            q.getSentToday()
                                + "/"
                                + (q.getPartnerLimit() == 0 ? "?" : q.getPartnerLimit()),
                            q.getQueriesAnsweredToday() + "/" + q.getQueriesLimit()))
                .toList());
  }

  public record NodeView(
      String agency,
      String node,
      String version,
      long cases,
      long records,
      long identifiers,
      long pendingChecks) {}

  public record PartnerView(String agency, String agreement, boolean inForce, String reason) {}

  /** Today's counts against the limits, as the CLI's {@code quota} prints them ("used/limit"). */
  public record QuotaView(
      String partner,
      String agreement,
      String theirProbes,
      String ourProbes,
      String theirQueries) {}
}

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
import jakarta.ws.rs.core.StreamingOutput;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.liaison.node.config.NodeConfig;
import org.liaison.wire.audit.AuditBundleFile;
import org.liaison.wire.v1.AuditCheckpoint;
import org.liaison.wire.v1.AuditExportRequest;
import org.liaison.wire.v1.AuditFindings;
import org.liaison.wire.v1.AuditFindingsRequest;
import org.liaison.wire.v1.AuditGrpc;
import org.liaison.wire.v1.AuditProof;
import org.liaison.wire.v1.AuditProveRequest;
import org.liaison.wire.v1.TimelinessReport;
import org.liaison.wire.v1.TimelinessRequest;
import org.liaison.wire.v1.WorkflowsGrpc;

/** Timeliness (median and p90 per workflow step, service-level breaches) and the audit log. */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class ReportsPage {
  @Inject ConsoleRequest request;
  @Inject ConsoleChannel channel;
  @Inject NodeConfig config;

  @Location("console/timeliness.html")
  Template timeliness;

  @Location("console/audit.html")
  Template audit;

  @Location("console/findings.html")
  Template findings;

  @Location("console/proof.html")
  Template proof;

  public record StepView(
      String label,
      String partner,
      String agreement,
      String kind,
      String side,
      String step,
      int count,
      long medianMs,
      long p90Ms) {}

  public record BreachView(
      String workflow,
      String partner,
      String agreement,
      String kind,
      String side,
      String dueAt,
      String answeredAt,
      long lateMinutes) {}

  public record FindingView(String at, String kind, String partner, String detail) {}

  public record CheckpointView(String agency, String node, long treeSize, String at) {}

  @GET
  @Path("timeliness")
  public TemplateInstance timeliness() {
    TimelinessReport r =
        channel
            .blocking(request.officer(), WorkflowsGrpc::newBlockingStub)
            .timeliness(TimelinessRequest.getDefaultInstance());
    List<StepView> steps =
        r.getStepsList().stream()
            .map(
                s ->
                    new StepView(
                        s.getPartnerAgency() + " " + s.getKind().name() + " " + s.getStep(),
                        s.getPartnerAgency(),
                        s.getAgreementId(),
                        s.getKind().name(),
                        s.getSide().name(),
                        s.getStep(),
                        s.getCount(),
                        s.getMedianMs(),
                        s.getP90Ms()))
            .toList();
    List<BreachView> breaches =
        r.getBreachesList().stream()
            .map(
                b ->
                    new BreachView(
                        b.getWorkflowId(),
                        b.getPartnerAgency(),
                        b.getAgreementId(),
                        b.getKind().name(),
                        b.getSide().name(),
                        b.getDueAt(),
                        b.getAnsweredAt(),
                        b.getLateMs() / 60_000))
            .toList();
    return request
        .page(timeliness, "timeliness")
        .data("steps", steps)
        .data("breaches", breaches)
        .data("generatedAt", r.getGeneratedAt());
  }

  @GET
  @Path("audit")
  public TemplateInstance audit() {
    return request.page(audit, "audit").data("findings", findings(false));
  }

  @POST
  @Path("audit/findings")
  public TemplateInstance checkPartners() {
    try {
      return request.fragment(findings).data("findings", findings(true));
    } catch (RuntimeException e) {
      return request.callFailed(e);
    }
  }

  private FindingsView findings(boolean checkNow) {
    AuditFindings f =
        AuditGrpc.newBlockingStub(channel.as(request.officer()))
            .withDeadlineAfter(60, TimeUnit.SECONDS)
            .findings(AuditFindingsRequest.newBuilder().setCheckPartnersNow(checkNow).build());
    return new FindingsView(
        f.getFindingsList().stream()
            .map(
                x ->
                    new FindingView(
                        Instant.ofEpochMilli(x.getAtMs()).toString(),
                        x.getKind(),
                        x.getPartnerAgency(),
                        x.getDetail()))
            .toList(),
        f.getPartnerCheckpointsList().stream().map(ReportsPage::view).toList(),
        checkNow);
  }

  public record FindingsView(
      List<FindingView> findings, List<CheckpointView> checkpoints, boolean checkedNow) {}

  private static CheckpointView view(AuditCheckpoint c) {
    return new CheckpointView(
        c.getAgency(),
        c.getNode(),
        c.getTreeSize(),
        Instant.ofEpochMilli(c.getTimestampMs()).toString());
  }

  @POST
  @Path("audit/prove")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public TemplateInstance prove(@FormParam("index") String index) {
    try {
      AuditProof p =
          channel
              .blocking(request.officer(), AuditGrpc::newBlockingStub)
              .prove(
                  AuditProveRequest.newBuilder()
                      .setIndex(Long.parseLong(Subjects.orEmpty(index)))
                      .build());
      var entry = p.getRecord().getDecoded();
      return request
          .fragment(proof)
          .data("index", p.getRecord().getIndex())
          .data("verified", p.getVerified())
          .data("leaf", HexFormat.of().formatHex(p.getRecord().getLeafHash().toByteArray()))
          .data(
              "path",
              p.getInclusionPathList().stream()
                  .map(h -> HexFormat.of().formatHex(h.toByteArray()))
                  .toList())
          .data("kind", entry.getKind().name())
          .data("outcome", entry.getOutcome())
          .data("detail", entry.getDetail())
          .data("at", Instant.ofEpochMilli(entry.getAtMs()).toString());
    } catch (NumberFormatException e) {
      return request.refusal("Give the entry's index, a whole number.");
    } catch (RuntimeException e) {
      return request.callFailed(e);
    }
  }

  /** The bundle for an oversight body, as {@code liaison audit export} writes it. */
  @POST
  @Path("audit/export")
  @Produces(MediaType.APPLICATION_JSON)
  public Response export() {
    var parts =
        AuditGrpc.newBlockingStub(channel.as(request.officer()))
            .withDeadlineAfter(60, TimeUnit.MINUTES)
            .export(AuditExportRequest.getDefaultInstance());
    // streamed to the browser part by part: the log may be larger than this node's heap
    StreamingOutput body =
        out -> {
          try (AuditBundleFile.Writer file = AuditBundleFile.Writer.to(out)) {
            parts.forEachRemaining(file);
          }
        };
    return Response.ok(body)
        .header(
            "Content-Disposition",
            "attachment; filename=\"audit-" + config.agency() + "-" + config.node() + ".json\"")
        .build();
  }
}

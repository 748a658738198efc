package org.liaison.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liaison.wire.v1.AcknowledgeAnswer;
import org.liaison.wire.v1.AcknowledgeRequest;
import org.liaison.wire.v1.Alert;
import org.liaison.wire.v1.AlertsRequest;
import org.liaison.wire.v1.ConfirmedConflict;
import org.liaison.wire.v1.DeconflictionGrpc;
import org.liaison.wire.v1.EventCheckAnswer;
import org.liaison.wire.v1.MatchKind;
import org.liaison.wire.v1.PartnerAnswer;
import org.liaison.wire.v1.PartnerQuota;
import org.liaison.wire.v1.PlanOperationRequest;
import org.liaison.wire.v1.PointOfContact;
import org.liaison.wire.v1.QuotaReport;
import org.liaison.wire.v1.QuotaRequest;

/** {@code liaison alerts | quota | operation plan} against a scripted node over real mutual TLS. */
class DeconflictionCommandsTest {
  @TempDir Path dir;

  private final ScriptedDeconfliction node = new ScriptedDeconfliction();
  private OfficerServerFixture server;

  @BeforeEach
  void start() throws Exception {
    server = OfficerServerFixture.serving(dir, node);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private String[] connection() {
    return server.connectAs("us.ice");
  }

  @Test
  void alerts_printedWithContactOnly_andEachAcknowledgedAfterPrinting() {
    CliRun run = CliRun.of(connection(), "alerts", "--case", "ICE-MIA-2026-0311");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out())
        .contains(
            "TARGET CONFLICT  your case ICE-MIA-2026-0311  <->  us.dea case DEA-MIA-2026-0142")
        .contains("contact: Special Agent Maria Alvarez, us.dea, +1 305 555 0190")
        .contains("OFFICER SAFETY  your case ICE-MIA-2026-0311  <->  us.dea case DEA-MIA-2026-0142")
        .contains("2 alert(s).")
        // a conflict reveals no geometry, even if a node sent a distance
        .doesNotContain("301")
        .doesNotContain(" m apart");
    assertThat(node.asked.get(0).getCaseReference()).isEqualTo("ICE-MIA-2026-0311");
    assertThat(node.acknowledged).containsExactly("a-1", "a-2");
  }

  @Test
  void alerts_noAck_leavesThemPending() {
    CliRun run = CliRun.of(connection(), "alerts", "--no-ack", "--json");

    assertThat(run.out().lines()).hasSize(2).allSatisfy(l -> assertThat(l).startsWith("{\"id\":"));
    assertThat(node.acknowledged).isEmpty();
  }

  @Test
  void quota_showsProbesBothWays_andThePartnersQueries() {
    CliRun run = CliRun.of(connection(), "quota");

    assertThat(run.exit()).isZero();
    assertThat(run.out())
        .contains("Quotas on 2026-12-02 (UTC):")
        .containsPattern("us\\.dea\\s+dea-ice-xdes-2009\\s+12/50000\\s+68/400\\s+7/20000");
  }

  @Test
  void operationPlan_sendsTheOperation_andPrintsTheOfficerSafetyConflict() {
    CliRun run =
        CliRun.ofGroup(
            connection(),
            "operation",
            "plan",
            "--case",
            "ICE-MIA-2026-0311",
            "--type",
            "SURVEILLANCE",
            "--lat",
            "25.7644",
            "--lon",
            "-80.1918",
            "--radius-m",
            "50",
            "--from",
            "2026-12-03T07:30-05:00",
            "--to",
            "2026-12-03T11:00-05:00");

    assertThat(run.exit()).as(run.err()).isZero();
    PlanOperationRequest sent = node.planned.get(0);
    assertThat(sent.getCaseReference()).isEqualTo("ICE-MIA-2026-0311");
    assertThat(sent.getRadiusMetres()).isEqualTo(50);
    assertThat(sent.getStart()).isEqualTo("2026-12-03T07:30-05:00");
    assertThat(run.out())
        .contains("us.dea: OFFICER-SAFETY CONFLICT")
        .contains("case DEA-MIA-2026-0142; contact Special Agent Maria Alvarez")
        .contains("both case agents are alerted")
        .doesNotContain("301")
        .contains("ru.skr: REFUSED (PURPOSE_NOT_PERMITTED)")
        .contains("1 OFFICER-SAFETY conflict(s)");
  }

  @Test
  void operationPlan_withoutRequiredOptions_isAUsageError() {
    CliRun run = CliRun.ofGroup(connection(), "operation", "plan", "--case", "X");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("Missing required options");
  }

  /** A node's Deconfliction service that answers from a script and records what it was asked. */
  static final class ScriptedDeconfliction extends DeconflictionGrpc.DeconflictionImplBase {
    final List<AlertsRequest> asked = new CopyOnWriteArrayList<>();
    final List<String> acknowledged = new CopyOnWriteArrayList<>();
    final List<PlanOperationRequest> planned = new CopyOnWriteArrayList<>();
    static final PointOfContact DEA =
        PointOfContact.newBuilder()
            .setAgency("us.dea")
            .setName("Special Agent Maria Alvarez")
            .setPhone("+1 305 555 0190")
            .build();

    @Override
    public void alerts(AlertsRequest request, StreamObserver<Alert> out) {
      asked.add(request);
      out.onNext(alert("a-1", MatchKind.TARGET, 0));
      out.onNext(alert("a-2", MatchKind.EVENT, 301));
      out.onCompleted();
    }

    private static Alert alert(String id, MatchKind kind, long distance) {
      return Alert.newBuilder()
          .setId(id)
          .setKind(kind)
          .setCaseReference("ICE-MIA-2026-0311")
          .setPartnerAgency("us.dea")
          .setPartnerCaseReference("DEA-MIA-2026-0142")
          .setPartnerContact(DEA)
          .setDistanceMetres(distance)
          .setMessage("message " + id)
          .setCreatedAt("2026-12-02T20:00:00Z")
          .build();
    }

    @Override
    public void acknowledge(AcknowledgeRequest request, StreamObserver<AcknowledgeAnswer> out) {
      acknowledged.addAll(request.getAlertIdsList());
      out.onNext(
          AcknowledgeAnswer.newBuilder().setAcknowledged(request.getAlertIdsCount()).build());
      out.onCompleted();
    }

    @Override
    public void quota(QuotaRequest request, StreamObserver<QuotaReport> out) {
      out.onNext(
          QuotaReport.newBuilder()
              .setDay("2026-12-02")
              .addPartners(
                  PartnerQuota.newBuilder()
                      .setPartnerAgency("us.dea")
                      .setAgreementId("dea-ice-xdes-2009")
                      .setAnsweredToday(12)
                      .setAnsweredLimit(50000)
                      .setSentToday(68)
                      .setPartnerLimit(400)
                      .setQueriesAnsweredToday(7)
                      .setQueriesLimit(20000))
              .build());
      out.onCompleted();
    }

    @Override
    public void planOperation(PlanOperationRequest request, StreamObserver<EventCheckAnswer> out) {
      planned.add(request);
      out.onNext(
          EventCheckAnswer.newBuilder()
              .setOperationId("op-1")
              .setPartnerAgency("us.dea")
              .setStatus(PartnerAnswer.Status.MATCH)
              .addConflicts(
                  ConfirmedConflict.newBuilder()
                      .setCaseReference("DEA-MIA-2026-0142")
                      .setPointOfContact(DEA)
                      .setDistanceMetres(301)
                      .setAlertRecorded(true)
                      .setAlertRecordedHere(true))
              .build());
      out.onNext(
          EventCheckAnswer.newBuilder()
              .setOperationId("op-1")
              .setPartnerAgency("ru.skr")
              .setStatus(PartnerAnswer.Status.REFUSED)
              .setReason(org.liaison.wire.v1.Reason.PURPOSE_NOT_PERMITTED)
              .setMessage("agreement ice-skr-2010 does not include event de-confliction")
              .build());
      out.onCompleted();
    }
  }
}

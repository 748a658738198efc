package org.liaison.cluster.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.liaison.cli.NodeClient;
import org.liaison.cluster.Federation;
import org.liaison.cluster.FederationTest;
import org.liaison.wire.audit.AuditBundles;
import org.liaison.wire.v1.Alert;
import org.liaison.wire.v1.AuditEntry;
import org.liaison.wire.v1.AuditExportRequest;
import org.liaison.wire.v1.AuditGrpc;
import org.liaison.wire.v1.AuditRecord;
import org.liaison.wire.v1.EventCheckAnswer;
import org.liaison.wire.v1.FilterRequest;
import org.liaison.wire.v1.Identifier;
import org.liaison.wire.v1.IdentifierType;
import org.liaison.wire.v1.ImportAck;
import org.liaison.wire.v1.ImportItem;
import org.liaison.wire.v1.MatchKind;
import org.liaison.wire.v1.OfficerCheckRequest;
import org.liaison.wire.v1.PartnerAnswer;
import org.liaison.wire.v1.PartnerCheckAnswer;
import org.liaison.wire.v1.PartnerQuota;
import org.liaison.wire.v1.Reason;

/**
 * De-confliction between real nodes through real gateways: private target matching (acceptance
 * cases 1 and 3), event conflicts (case 6), leakage, durable alerts across a restart, quotas.
 */
@FederationTest(
    agencies = {"us.ice", "us.dea", "ru.skr"},
    nodeOptions = {"us.dea/liaison.deconfliction.max-probes-per-day=400"})
class DeconflictionAcceptanceTest {
  static final LocalDate TOMORROW = LocalDate.now(ZoneOffset.UTC).plusDays(1);
  static final ZoneOffset MIAMI = ZoneOffset.ofHours(-5);
  static final String LEAK_PHONE = "+1 202 555 0177";
  static final String LEAK_EMAIL = "nobody.leak.probe@example.org";

  @Test
  void case1_iceOpensCaseOnDeaPhone_bothAgentsAlertedOnceWithEachOthersContactOnly(Federation f) {
    imported(
        f,
        "us.ice",
        "{\"kind\":\"subject\",\"id\":\"ice-s-0311-phone\",\"case\":\"ICE-MIA-2026-0311\",\"type\":\"PHONE\",\"identifiers\":[{\"type\":\"PHONE\",\"value\":\"(305)"
            + " 555-0142\",\"country\":\"US\"}]}");

    Alert ice = awaitOneAlert(f, "us.ice", "ICE-MIA-2026-0311");
    assertThat(ice.getKind()).isEqualTo(MatchKind.TARGET);
    assertThat(ice.getPartnerAgency()).isEqualTo("us.dea");
    assertThat(ice.getPartnerCaseReference()).isEqualTo("DEA-MIA-2026-0142");
    assertThat(ice.getPartnerContact().getName()).isEqualTo("Special Agent Maria Alvarez");
    assertThat(ice.toString())
        .doesNotContain("Rojas")
        .doesNotContain("cocaine")
        .doesNotContain("FLA-7TR3");

    Alert dea =
        Alerts.awaitOne(
            f,
            "us.dea",
            "DEA-MIA-2026-0142",
            "ICE-MIA-2026-0311",
            MatchKind.TARGET,
            Duration.ofSeconds(45));
    assertThat(dea.getPartnerAgency()).isEqualTo("us.ice");
    assertThat(dea.getPartnerCaseReference()).isEqualTo("ICE-MIA-2026-0311");
    assertThat(dea.getPartnerContact().getName()).isEqualTo("Special Agent John Carter");
    assertThat(dea.toString())
        .doesNotContain("555 0142")
        .doesNotContain("555-0142")
        .doesNotContain("5550142");

    Alerts.acknowledge(f, "us.ice", ice);
    Alerts.acknowledge(f, "us.dea", dea);

    // on demand, the same conflict is reported again, but nobody is alerted twice
    List<PartnerCheckAnswer> answers;
    try (NodeClient c = f.node("us.ice").client()) {
      answers = c.checkAll(Officers.phoneCheck("+1 305 555 0142", "ICE-MIA-2026-0311"));
    }
    PartnerCheckAnswer fromDea = Officers.checkFrom(answers, "us.dea");
    assertThat(fromDea.getStatus()).as(fromDea.toString()).isEqualTo(PartnerAnswer.Status.MATCH);
    assertThat(fromDea.getAnswer().getConflictsList())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.getCaseReference()).isEqualTo("DEA-MIA-2026-0142");
              assertThat(c.getPointOfContact().getName()).isEqualTo("Special Agent Maria Alvarez");
            });
    assertThat(fromDea.getAnswer().toString()).doesNotContain("Rojas").doesNotContain("cocaine");
    assertThat(Officers.checkFrom(answers, "ru.skr").getStatus())
        .isEqualTo(PartnerAnswer.Status.NO_MATCH);
    assertThat(Alerts.pending(f, "us.ice", "ICE-MIA-2026-0311"))
        .noneMatch(a -> a.getKind() == MatchKind.TARGET);
    assertThat(Alerts.pending(f, "us.dea", "DEA-MIA-2026-0142"))
        .noneMatch(
            a ->
                a.getKind() == MatchKind.TARGET
                    && a.getPartnerCaseReference().equals("ICE-MIA-2026-0311"));
  }

  @Test
  void case3_skrSubjectInCyrillic_matchesIcesLatinSpelling_bothAgentsAlerted(Federation f) {
    imported(
        f,
        "ru.skr",
        "{\"kind\":\"record\",\"id\":\"skr-r-volkov-1\",\"case\":\"SK-77-2026-0117\",\"category\":\"CASE_SUMMARY\",\"subjects\":[{\"id\":\"skr-s-volkov\",\"type\":\"PERSON\",\"name\":\"Дмитрий"
            + " Волков\",\"dateOfBirth\":\"1979-03-14\"}],\"fields\":{\"name_latin\":\"Dmitrij"
            + " Volkov\",\"nationality\":\"RU\"},\"body\":\"Организатор незаконной миграции.\","
            + "\"tlp\":\"AMBER\",\"handling\":\"H2\",\"evaluation\":\"B2\",\"retainUntil\":\"2036-01-17\"}");

    Alert skr = awaitOneAlert(f, "ru.skr", "SK-77-2026-0117");
    assertThat(skr.getPartnerAgency()).isEqualTo("us.ice");
    assertThat(skr.getPartnerCaseReference()).isEqualTo("ICE-HSI-2026-0417");
    assertThat(skr.getPartnerContact().getName()).isEqualTo("Special Agent Laura Chen");
    assertThat(skr.toString()).doesNotContain("CS-4471").doesNotContain("Cancun");

    Alert ice = awaitOneAlert(f, "us.ice", "ICE-HSI-2026-0417");
    assertThat(ice.getPartnerAgency()).isEqualTo("ru.skr");
    assertThat(ice.getPartnerCaseReference()).isEqualTo("SK-77-2026-0117");
    assertThat(ice.getPartnerContact().getName()).isEqualTo("Senior Investigator Irina Sokolova");
    Alerts.acknowledge(f, "ru.skr", skr);
    Alerts.acknowledge(f, "us.ice", ice);

    // on demand, from the command line, in another Latin spelling: the same case answers
    Officers.Cli latin =
        Officers.cli(
            f.node("ru.skr"),
            "check",
            "--name",
            "Dmitry Volkov",
            "--dob",
            "1979-03-14",
            "--case",
            "SK-77-2026-0117",
            "--partner",
            "us.ice",
            "--json");
    assertThat(latin.exit()).as(latin.err()).isZero();
    assertThat(latin.out())
        .contains("\"status\":\"MATCH\"")
        .contains("ICE-HSI-2026-0417")
        .contains("Special Agent Laura Chen")
        .doesNotContain("CS-4471");
    Officers.Cli otherBirthday =
        Officers.cli(
            f.node("ru.skr"),
            "check",
            "--name",
            "Дмитрий Волков",
            "--dob",
            "1980-03-14",
            "--case",
            "SK-77-2026-0117",
            "--partner",
            "us.ice");
    assertThat(otherBirthday.exit()).as(otherBirthday.err()).isZero();
    assertThat(otherBirthday.out()).doesNotContain("ICE-HSI-2026-0417").contains("no conflict");
    Officers.Cli nameAlone =
        Officers.cli(f.node("ru.skr"), "check", "--name", "Dmitry Volkov", "--case", "X");
    assertThat(nameAlone.exit()).isNotZero();
    assertThat(nameAlone.err()).contains("--dob");
    // nobody is alerted twice for what both sides were already told
    assertThat(Alerts.pending(f, "ru.skr", "SK-77-2026-0117")).isEmpty();

    // ICE holds this phone in a NARCOTICS case: outside ice-skr-2010, so it never matches
    try (NodeClient c = f.node("ru.skr").client()) {
      List<PartnerCheckAnswer> answers =
          c.checkAll(Officers.phoneCheck("+1 786 555 0123", "SK-77-2026-0117"));
      assertThat(Officers.checkFrom(answers, "us.ice").getStatus())
          .isEqualTo(PartnerAnswer.Status.NO_MATCH);
    }
  }

  @Test
  void case6_deaWarrantAndIceSurveillance300mAway_bothGetAnOfficerSafetyAlert(Federation f) {
    OffsetDateTime six = TOMORROW.atTime(6, 0).atOffset(MIAMI);
    List<EventCheckAnswer> deaPlan =
        Officers.planOperation(
            f,
            "us.dea",
            "DEA-MIA-2026-0142",
            "SEARCH_WARRANT",
            25.7617,
            -80.1918,
            50,
            six,
            six.plusHours(3));
    assertThat(deaPlan)
        .extracting(EventCheckAnswer::getStatus)
        .doesNotContain(PartnerAnswer.Status.MATCH);

    List<EventCheckAnswer> icePlan =
        Officers.planOperation(
            f,
            "us.ice",
            "ICE-MIA-2026-0311",
            "SURVEILLANCE",
            25.7644,
            -80.1918,
            50,
            six.plusMinutes(90),
            six.plusHours(5));
    EventCheckAnswer fromDea =
        icePlan.stream()
            .filter(a -> a.getPartnerAgency().equals("us.dea"))
            .findFirst()
            .orElseThrow();
    assertThat(fromDea.getStatus()).as(fromDea.toString()).isEqualTo(PartnerAnswer.Status.MATCH);
    assertThat(fromDea.getConflictsList())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.getCaseReference()).isEqualTo("DEA-MIA-2026-0142");
              // a conflict reveals no geometry: neither a distance nor coordinates
              assertThat(c.getDistanceMetres()).isZero();
            });

    Alert ice = awaitAlert(f, "us.ice", "ICE-MIA-2026-0311", MatchKind.EVENT);
    assertThat(ice.getPartnerContact().getName()).isEqualTo("Special Agent Maria Alvarez");
    assertThat(ice.getMessage()).startsWith("OFFICER SAFETY");
    Alert dea =
        Alerts.awaitOne(
            f,
            "us.dea",
            "DEA-MIA-2026-0142",
            "ICE-MIA-2026-0311",
            MatchKind.EVENT,
            Duration.ofSeconds(45));
    assertThat(dea.getPartnerCaseReference()).isEqualTo("ICE-MIA-2026-0311");
    assertThat(dea.getPartnerContact().getName()).isEqualTo("Special Agent John Carter");
    assertThat(dea.toString()).doesNotContain("SURVEILLANCE");
    Alerts.acknowledge(f, "us.ice", ice);

    // issue 11: a second, different ICE operation of the same case conflicting with the same DEA
    // operation is another conflict: alerted on both sides, and "alerted" is said only then
    int deaBefore = Alerts.pending(f, "us.dea", "DEA-MIA-2026-0142").size();
    OffsetDateTime later = six.plusHours(2);
    Officers.Cli second =
        Officers.cli(
            f.node("us.ice"),
            "operation",
            "plan",
            "--case",
            "ICE-MIA-2026-0311",
            "--type",
            "ARREST",
            "--lat",
            "25.7657",
            "--lon",
            "-80.1918",
            "--radius-m",
            "300",
            "--from",
            later.toString(),
            "--to",
            later.plusHours(2).toString());
    assertThat(second.exit()).as(second.err()).isZero();
    assertThat(second.out())
        .contains("us.dea: OFFICER-SAFETY CONFLICT")
        .contains("DEA-MIA-2026-0142")
        .contains("both case agents are alerted")
        .doesNotContain("pending");
    Alert iceSecond = awaitAlert(f, "us.ice", "ICE-MIA-2026-0311", MatchKind.EVENT);
    assertThat(iceSecond.getId()).isNotEqualTo(ice.getId());
    List<Alert> deaAlerts = Alerts.pending(f, "us.dea", "DEA-MIA-2026-0142");
    assertThat(deaAlerts).hasSize(deaBefore + 1);
    Alerts.acknowledge(f, "us.ice", iceSecond);
    deaAlerts.stream()
        .filter(a -> a.getPartnerCaseReference().equals("ICE-MIA-2026-0311"))
        .forEach(a -> Alerts.acknowledge(f, "us.dea", a));
  }

  @Test
  void leakage_probesDeaDoesNotHoldLeaveNoTraceInItsDatabaseLogsOrAudit_andAlertsSurviveARestart(
      Federation f) throws IOException {
    // an alert DEA's agent has not acknowledged yet: two NARCOTICS operations in the evening
    OffsetDateTime eight = TOMORROW.atTime(20, 0).atOffset(MIAMI);
    Officers.planOperation(
        f,
        "us.dea",
        "DEA-MIA-2025-0877",
        "SEARCH_WARRANT",
        25.70,
        -80.30,
        50,
        eight,
        eight.plusHours(2));
    Officers.planOperation(
        f,
        "us.ice",
        "ICE-MIA-2025-0877",
        "SURVEILLANCE",
        25.7005,
        -80.30,
        50,
        eight,
        eight.plusHours(1));
    Alert unacknowledged =
        Alerts.awaitOne(
            f,
            "us.dea",
            "DEA-MIA-2025-0877",
            "ICE-MIA-2025-0877",
            MatchKind.EVENT,
            Duration.ofSeconds(45));
    try (NodeClient c = f.node("us.ice").client()) {
      for (Identifier id :
          List.of(
              Identifier.newBuilder()
                  .setType(IdentifierType.PHONE)
                  .setValue(LEAK_PHONE)
                  .setCountry("US")
                  .build(),
              Identifier.newBuilder().setType(IdentifierType.EMAIL).setValue(LEAK_EMAIL).build())) {
        List<PartnerCheckAnswer> answers =
            c.checkAll(
                OfficerCheckRequest.newBuilder()
                    .setIdentifier(id)
                    .setCaseReference("ICE-MIA-2026-0311")
                    .setDeadlineMs(4000)
                    .build());
        assertThat(Officers.checkFrom(answers, "us.dea").getStatus())
            .isEqualTo(PartnerAnswer.Status.NO_MATCH);
      }
    }
    List<String> unacked = Alerts.pending(f, "us.dea", "").stream().map(Alert::getId).toList();
    assertThat(unacked).contains(unacknowledged.getId());

    f.node("us.dea").stop();
    try {
      List<Path> files = new ArrayList<>(files(f.node("us.dea").dataDir()));
      files.add(f.node("us.dea").log());
      files.add(f.gateway("us.dea").log());
      // positive control: the scan does see what DEA holds
      assertThat(anyContains(files, "+13055550142")).isTrue();
      for (String needle :
          List.of("2025550177", "202 555 0177", "555-0177", "nobody.leak.probe", "leak.probe@")) {
        assertThat(whereContains(files, needle)).as(needle).isEmpty();
      }
    } finally {
      f.node("us.dea").start();
    }

    List<Alert> again = Alerts.pending(f, "us.dea", "");
    assertThat(again).extracting(Alert::getId).containsAll(unacked);
    again.forEach(a -> Alerts.acknowledge(f, "us.dea", a));
    assertThat(Alerts.pending(f, "us.dea", ""))
        .extracting(Alert::getId)
        .doesNotContainAnyElementsOf(unacked);
    Alerts.pending(f, "us.ice", "ICE-MIA-2025-0877")
        .forEach(a -> Alerts.acknowledge(f, "us.ice", a));
  }

  @Test
  void partnerFilters_surviveARestart_theRestartedNodeAsksOnlyForDeltas(Federation f) {
    check(f, "us.ice", LEAK_PHONE); // ICE holds DEA's filter now, in memory and on disk
    long before = filterAnswers(f).size();

    f.node("us.ice").restart();
    check(f, "us.ice", LEAK_PHONE);

    List<AuditEntry> after = filterAnswers(f);
    assertThat(after).hasSizeGreaterThan((int) before);
    // DEA answered the restarted ICE with deltas since the generation ICE had stored (a filter
    // of a kind ICE never held before the restart is still fetched whole)
    assertThat(after.subList((int) before, after.size()))
        .anySatisfy(e -> assertThat(e.getDetail()).contains("deltas to generation"));
  }

  private static void check(Federation f, String agency, String phone) {
    try (NodeClient c = f.node(agency).client()) {
      OfficerCheckRequest request =
          OfficerCheckRequest.newBuilder()
              .setIdentifier(
                  Identifier.newBuilder()
                      .setType(IdentifierType.PHONE)
                      .setValue(phone)
                      .setCountry("US"))
              .setCaseReference("ICE-MIA-2026-0311")
              .addPartners("us.dea")
              .setDeadlineMs(10_000)
              .build();
      List<PartnerCheckAnswer> answers = c.checkAll(request);
      PartnerCheckAnswer dea = Officers.checkFrom(answers, "us.dea");
      // a node restarted by this test or another one may still be settling: ask again, briefly
      long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
      while (dea.getStatus() == PartnerAnswer.Status.UNAVAILABLE && System.nanoTime() < until) {
        sleepQuietly(500);
        dea = Officers.checkFrom(c.checkAll(request), "us.dea");
      }
      assertThat(dea.getStatus()).as(dea.toString()).isEqualTo(PartnerAnswer.Status.NO_MATCH);
    }
  }

  private static void sleepQuietly(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** DEA's audit entries of the filter requests ICE sent it, oldest first. */
  private static List<AuditEntry> filterAnswers(Federation f) {
    try (NodeClient dea = f.node("us.dea").client()) {
      return AuditBundles.join(
              AuditGrpc.newBlockingStub(dea.channel())
                  .export(AuditExportRequest.getDefaultInstance()))
          .getRecordsList()
          .stream()
          .map(AuditRecord::getDecoded)
          .filter(e -> e.getRequestingAgency().equals("us.ice"))
          .filter(e -> e.getContentType().equals(FilterRequest.getDescriptor().getFullName()))
          .toList();
    }
  }

  @Test
  void quota_exhaustedRefusedWithReason_andCountsVisibleOnBothSides(Federation f) {
    // one check that DEA answers (its case holds the phone): probes counted at DEA today
    try (NodeClient c = f.node("us.ice").client()) {
      PartnerCheckAnswer counted =
          Officers.checkFrom(
              c.checkAll(
                  Officers.phoneCheck("+1 305 555 0142", "ICE-MIA-2025-0877").toBuilder()
                      .addPartners("us.dea")
                      .build()),
              "us.dea");
      assertThat(counted.getStatus()).as(counted.toString()).isEqualTo(PartnerAnswer.Status.MATCH);
    }
    OffsetDateTime noon = TOMORROW.atTime(12, 0).atOffset(MIAMI);
    List<EventCheckAnswer> answers =
        Officers.planOperation(
            f,
            "us.ice",
            "ICE-MIA-2026-0311",
            "SURVEILLANCE",
            25.80,
            -80.25,
            3000,
            noon,
            noon.plusHours(2));
    EventCheckAnswer fromDea =
        answers.stream()
            .filter(a -> a.getPartnerAgency().equals("us.dea"))
            .findFirst()
            .orElseThrow();
    assertThat(fromDea.getStatus()).isEqualTo(PartnerAnswer.Status.REFUSED);
    assertThat(fromDea.getReason()).isEqualTo(Reason.QUOTA_EXHAUSTED);
    assertThat(fromDea.getMessage())
        .contains("400 de-confliction probes per day")
        .contains("dea-ice-xdes-2009");

    PartnerQuota atDea = Officers.quota(f, "us.dea", "us.ice");
    PartnerQuota atIce = Officers.quota(f, "us.ice", "us.dea");
    assertThat(atDea.getAnsweredLimit()).isEqualTo(400);
    assertThat(atDea.getAnsweredToday()).isPositive().isLessThanOrEqualTo(400);
    assertThat(atIce.getSentToday()).isEqualTo(atDea.getAnsweredToday());
    assertThat(atIce.getPartnerLimit()).isEqualTo(400);
  }

  // ---- helpers ----

  private static void imported(Federation f, String agency, String line) {
    try (NodeClient c = f.node(agency).client()) {
      CompletableFuture<ImportAck> ack = new CompletableFuture<>();
      StreamObserver<ImportItem> items =
          c.async()
              .import_(
                  new StreamObserver<>() {
                    @Override
                    public void onNext(ImportAck a) {
                      ack.complete(a);
                    }

                    @Override
                    public void onError(Throwable t) {
                      ack.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {}
                  });
      items.onNext(ImportItem.newBuilder().setLine(1).setJson(line).build());
      items.onCompleted();
      ImportAck a = ack.orTimeout(30, TimeUnit.SECONDS).join();
      assertThat(a.getAccepted()).as(a.getMessage()).isTrue();
    }
  }

  private static Alert awaitOneAlert(Federation f, String agency, String caseReference) {
    return awaitAlert(f, agency, caseReference, MatchKind.TARGET);
  }

  private static Alert awaitAlert(
      Federation f, String agency, String caseReference, MatchKind kind) {
    return Alerts.awaitOne(f, agency, caseReference, kind, Duration.ofSeconds(45));
  }

  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).toList();
    }
  }

  private static boolean anyContains(List<Path> files, String needle) throws IOException {
    return !whereContains(files, needle).isEmpty();
  }

  private static List<Path> whereContains(List<Path> files, String needle) throws IOException {
    byte[] n = needle.getBytes(StandardCharsets.UTF_8);
    List<Path> hits = new ArrayList<>();
    for (Path p : files) {
      if (indexOf(Files.readAllBytes(p), n) >= 0) {
        hits.add(p);
      }
    }
    return hits;
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}

package org.liaison.cluster.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.liaison.cli.NodeClient;
import org.liaison.cluster.Federation;
import org.liaison.cluster.FederationTest;
import org.liaison.wire.audit.AuditBundles;
import org.liaison.wire.transport.Refusals;
import org.liaison.wire.v1.Alert;
import org.liaison.wire.v1.AuditBundle;
import org.liaison.wire.v1.AuditEntry;
import org.liaison.wire.v1.AuditExportRequest;
import org.liaison.wire.v1.AuditGrpc;
import org.liaison.wire.v1.AuditKind;
import org.liaison.wire.v1.AuditRecord;
import org.liaison.wire.v1.ConfirmedConflict;
import org.liaison.wire.v1.ConsentAnswer;
import org.liaison.wire.v1.ConsentDraft;
import org.liaison.wire.v1.ConsentMessage;
import org.liaison.wire.v1.EventCheckAnswer;
import org.liaison.wire.v1.FeedbackDraft;
import org.liaison.wire.v1.Identifier;
import org.liaison.wire.v1.IdentifierType;
import org.liaison.wire.v1.InfoRequest;
import org.liaison.wire.v1.MatchKind;
import org.liaison.wire.v1.PartnerAnswer;
import org.liaison.wire.v1.QueryAnswer;
import org.liaison.wire.v1.QueryRequest;
import org.liaison.wire.v1.Reason;
import org.liaison.wire.v1.ResultKind;
import org.liaison.wire.v1.RfiMessage;
import org.liaison.wire.v1.WorkflowAck;
import org.liaison.wire.v1.WorkflowDecision;
import org.liaison.wire.v1.WorkflowItem;
import org.liaison.wire.v1.WorkflowKind;
import org.liaison.wire.v1.WorkflowQuery;
import org.liaison.wire.v1.WorkflowRef;
import org.liaison.wire.v1.WorkflowState;
import org.liaison.wire.v1.WorkflowStep;
import org.liaison.wire.v1.WorkflowsGrpc;

/**
 * The adversarial suite (docs/attacks.md): each attack on real processes, refused with its reason,
 * nothing disclosed, and the attempt on record at the side attacked. A lying partner node is played
 * with that agency's real node keys through its real gateway ({@link PartnerNode}).
 */
@FederationTest(
    agencies = {"us.ice", "us.cbp", "us.ioc2"},
    nodeOptions = {
      "liaison.workflow.outbox-interval-ms=200",
      "liaison.workflow.retry-initial-ms=200",
      "liaison.workflow.retry-max-ms=1000",
      "quarkus.datasource.jdbc.acquisition-timeout=60S",
      // small shares, so a flood meets the limit quickly on a 2-core machine
      "us.ice/liaison.federation.max-concurrent-per-partner=2"
    },
    gatewayOptions = {"liaison.gateway.rate-per-second=100000"})
class TrustAcceptanceTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private static AuditGrpc.AuditBlockingStub audit(NodeClient c) {
    return AuditGrpc.newBlockingStub(c.channel()).withDeadlineAfter(60, TimeUnit.SECONDS);
  }

  private static List<AuditEntry> log(Federation f, String agency) {
    try (NodeClient c = f.node(agency).client()) {
      AuditBundle b = AuditBundles.join(audit(c).export(AuditExportRequest.getDefaultInstance()));
      return b.getRecordsList().stream().map(AuditRecord::getDecoded).toList();
    }
  }

  private static WorkflowsGrpc.WorkflowsBlockingStub workflows(NodeClient c) {
    return WorkflowsGrpc.newBlockingStub(c.channel()).withDeadlineAfter(60, TimeUnit.SECONDS);
  }

  private static <T> T await(Supplier<T> probe) {
    long until = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < until) {
      T t = probe.get();
      if (t != null) {
        return t;
      }
      Alerts.pause(250);
    }
    throw new AssertionError("not within " + WAIT);
  }

  // --- officers are who their certificate says ---

  @Test
  void anOfficerClaimingAnotherOfficersId_isRefused_andTheAuditNamesTheCertificatesOfficer(
      Federation f) {
    Officers.Cli run =
        Officers.cli(
            f.node("us.ice"),
            "query",
            "--plate",
            "FLA-8XK2",
            "--country",
            "US",
            "--purpose",
            "DRUG_TRAFFICKING",
            "--case",
            "ICE-TRUST-IMPOSTOR",
            "--role",
            "CASE_AGENT",
            "--partner",
            "us.cbp",
            "--officer-id",
            "officer-99-impostor");

    assertThat(run.exit()).isNotZero();
    assertThat(run.err()).contains("OFFICER_NOT_CERTIFICATE_HOLDER");
    List<AuditEntry> ice = log(f, "us.ice");
    assertThat(ice).noneMatch(e -> e.getOfficerId().contains("impostor"));
    assertThat(ice)
        .anySatisfy(
            e -> {
              assertThat(e.getKind()).isEqualTo(AuditKind.REFUSAL);
              assertThat(e.getOfficerId()).isEqualTo("officer-1");
              assertThat(e.getReason()).isEqualTo("OFFICER_NOT_CERTIFICATE_HOLDER");
              assertThat(e.getCaseReference()).isEqualTo("ICE-TRUST-IMPOSTOR");
            });
    // nothing was sent: CBP never saw the case and never names the impostor
    List<AuditEntry> cbp = log(f, "us.cbp");
    assertThat(cbp).noneMatch(e -> e.getCaseReference().equals("ICE-TRUST-IMPOSTOR"));
    assertThat(cbp).noneMatch(e -> e.getOfficerId().contains("impostor"));
  }

  @Test
  void aRoleTheOfficerDoesNotHold_isRefused_untilTheDirectoryGivesIt_whileTheNodeRuns(Federation f)
      throws IOException {
    String[] query = {
      "query",
      "--plate",
      "FLA-8XK2",
      "--country",
      "US",
      "--purpose",
      "DRUG_TRAFFICKING",
      "--case",
      "ICE-TRUST-ROLE",
      "--role",
      "SUPERVISOR",
      "--partner",
      "us.cbp"
    };
    Officers.Cli refused = Officers.cli(f.node("us.ice"), query);

    assertThat(refused.exit()).isNotZero();
    assertThat(refused.err()).contains("OFFICER_ROLE_NOT_HELD");
    assertThat(log(f, "us.ice"))
        .anySatisfy(
            e -> {
              assertThat(e.getReason()).isEqualTo("OFFICER_ROLE_NOT_HELD");
              assertThat(e.getOfficerId()).isEqualTo("officer-1");
              assertThat(e.getCaseReference()).isEqualTo("ICE-TRUST-ROLE");
            });
    assertThat(log(f, "us.cbp")).noneMatch(e -> e.getCaseReference().equals("ICE-TRUST-ROLE"));

    // the agency assigns the role: the running node reads its directory again
    Path directory = f.node("us.ice").officerDirectory();
    String roles = Files.readString(directory);
    try {
      Files.writeString(directory, "officer-1 = CASE_AGENT, INVESTIGATOR, ANALYST, SUPERVISOR\n");
      Files.setLastModifiedTime(
          directory, java.nio.file.attribute.FileTime.from(Instant.now().plusSeconds(2)));
      Officers.Cli answered = Officers.cli(f.node("us.ice"), query);
      assertThat(answered.exit()).as(answered.out() + answered.err()).isZero();
      assertThat(answered.out()).contains("us.cbp");
      assertThat(log(f, "us.cbp"))
          .anySatisfy(
              e -> {
                assertThat(e.getCaseReference()).isEqualTo("ICE-TRUST-ROLE");
                assertThat(e.getOfficerId()).isEqualTo("officer-1");
              });
    } finally {
      // the officer's roles as the federation gave them, for the other tests
      Files.writeString(directory, roles);
      Files.setLastModifiedTime(
          directory, java.nio.file.attribute.FileTime.from(Instant.now().plusSeconds(4)));
    }
  }

  // --- what partners send is checked against what this node knows ---

  @Test
  void feedbackOnARecordNeverDisclosed_isRefusedByTheOriginator_andRecordedThere(Federation f) {
    String id;
    try (NodeClient ice = f.node("us.ice").client()) {
      id =
          workflows(ice)
              .recordFeedback(
                  FeedbackDraft.newBuilder()
                      .setPartner("us.cbp")
                      .setRecordId("cbp-r-does-not-exist")
                      .setResult(ResultKind.SEIZURE)
                      .setCaseReference("ICE-TRUST-1")
                      .build())
              .getWorkflowId();
    }
    WorkflowItem atIce =
        await(
            () -> {
              try (NodeClient ice = f.node("us.ice").client()) {
                WorkflowItem i =
                    workflows(ice).show(WorkflowRef.newBuilder().setWorkflowId(id).build());
                return i.getState() == WorkflowState.UNDELIVERABLE ? i : null;
              }
            });
    assertThat(atIce.getStepsList())
        .anySatisfy(s -> assertThat(s.getDetail()).contains("NOT_DISCLOSED_TO_PARTNER"));
    try (NodeClient cbp = f.node("us.cbp").client()) {
      assertThat(
              workflows(cbp)
                  .list(WorkflowQuery.newBuilder().setKind(WorkflowKind.FEEDBACK).build())
                  .getItemsList())
          .noneMatch(i -> i.getWorkflowId().equals(id));
    }
    assertThat(log(f, "us.cbp"))
        .anySatisfy(
            e -> {
              assertThat(e.getKind()).isEqualTo(AuditKind.REFUSAL);
              assertThat(e.getRequestingAgency()).isEqualTo("us.ice");
              assertThat(e.getReason()).isEqualTo("NOT_DISCLOSED_TO_PARTNER");
              assertThat(e.getDetail()).doesNotContain("does-not-exist");
            });
  }

  @Test
  void aDeadlineTheRequesterWrites_isIgnored_theResponderUsesItsOwnAgreement(Federation f)
      throws Exception {
    String id = UUID.randomUUID().toString();
    Instant tooSoon = Instant.now().plusSeconds(60);
    RfiMessage request =
        RfiMessage.newBuilder()
            .setStep(step(id, "officer-1"))
            .setRequest(
                InfoRequest.newBuilder()
                    .setRecordId("cbp-r-0301-1")
                    .setJustification("answer within the minute")
                    .setOfficerRole("CASE_AGENT")
                    .setDueEpochMs(tooSoon.toEpochMilli()))
            .build();
    Instant sent = Instant.now();
    try (PartnerNode ice = new PartnerNode(f, "us.ice")) {
      WorkflowAck ack =
          ice.send(
              "us.cbp",
              "cbp-ice-2005",
              "DRUG_TRAFFICKING",
              "ICE-TRUST-2",
              request,
              WorkflowAck.getDefaultInstance());
      assertThat(ack.hasRefusal()).as(ack.toString()).isFalse();
    }
    try (NodeClient cbp = f.node("us.cbp").client()) {
      WorkflowItem item = workflows(cbp).show(WorkflowRef.newBuilder().setWorkflowId(id).build());
      Instant due = OffsetDateTime.parse(item.getDueAt()).toInstant();
      // cbp-ice-2005: respond_within_hours 24, counted from arrival on CBP's clock
      assertThat(due).isAfter(sent.plus(Duration.ofHours(23)));
      assertThat(due).isBefore(Instant.now().plus(Duration.ofHours(24)).plusSeconds(1));
    }
  }

  @Test
  void aConsentGrantedByAnAgencyThatIsNotTheOriginator_countsForNothing(Federation f)
      throws Exception {
    String id;
    try (NodeClient ice = f.node("us.ice").client()) {
      id =
          workflows(ice)
              .requestConsent(
                  ConsentDraft.newBuilder()
                      .setRecordId("ice-r-0102-pnr")
                      .setForAgency("us.ioc2")
                      .setJustification("joint analysis")
                      .setCaseReference("ICE-TRUST-3")
                      .build())
              .getWorkflowId();
    }
    ConsentMessage forged =
        ConsentMessage.newBuilder()
            .setStep(step(id, "officer-1"))
            .setAnswer(
                ConsentAnswer.newBuilder()
                    .setDecision(WorkflowDecision.GRANT)
                    .setConditions("none"))
            .build();
    WorkflowAck ack;
    try (PartnerNode ioc2 = new PartnerNode(f, "us.ioc2")) {
      ack =
          ioc2.send(
              "us.ice",
              "ice-ioc2-2009",
              "INTERNATIONAL_ORGANIZED_CRIME",
              "IOC2-TRUST-3",
              forged,
              WorkflowAck.getDefaultInstance());
    }
    assertThat(ack.getRefusal().getReason()).isEqualTo(Reason.NOT_ORIGINATOR);
    try (NodeClient ice = f.node("us.ice").client()) {
      assertThat(workflows(ice).show(WorkflowRef.newBuilder().setWorkflowId(id).build()).getState())
          .isNotEqualTo(WorkflowState.GRANTED);
    }
    assertThat(log(f, "us.ice"))
        .anySatisfy(
            e -> {
              assertThat(e.getRequestingAgency()).isEqualTo("us.ioc2");
              assertThat(e.getReason()).isEqualTo("NOT_ORIGINATOR");
            });
    // and IOC2 still gets the PNR withheld
    try (NodeClient ioc2 = f.node("us.ioc2").client()) {
      PartnerAnswer ice =
          Officers.from(
              ioc2.queryAll(
                  Officers.personQuery(
                      "Viktor Petrenko",
                      "1971-11-05",
                      "INTERNATIONAL_ORGANIZED_CRIME",
                      "IOC2-TRUST-3",
                      "ANALYST",
                      "us.ice")),
              "us.ice");
      assertThat(ice.getAnswer().getDisclosuresList())
          .noneMatch(d -> d.getRecordId().equals("ice-r-0102-pnr"));
      assertThat(ice.getAnswer().getWithheldList())
          .anySatisfy(w -> assertThat(w.getReason()).isEqualTo(Reason.ORIGINATOR_CONSENT_REQUIRED));
    }
  }

  @Test
  void onwardSharingOverThreeAgencies_theOriginatorTravelsWithTheRecord(Federation f)
      throws IOException {
    // IOC2 holds a summary it received from ICE that originated at CBP
    Path file = f.workDir().resolve("trust-ioc2.jsonl");
    String caseLine =
        "{\"kind\":\"case\",\"caseNumber\":\"IOC2-TRUST-6\",\"agency\":\"us.ioc2\","
            + "\"agent\":{\"name\":\"Analyst Lee\"},\"crimeCategories\":[\"INTERNATIONAL_ORGANIZED_CRIME\"]}";
    String record =
        "{\"kind\":\"record\",\"id\":\"ioc2-trust-cs\",\"case\":\"IOC2-TRUST-6\","
            + "\"category\":\"CASE_SUMMARY\",\"receivedFrom\":\"us.ice\",\"subjects\":[{\"id\":"
            + "\"ioc2-trust-s\",\"type\":\"PERSON\",\"name\":\"Anton Hopper\",\"dateOfBirth\":"
            + "\"1980-01-02\"}],\"fields\":{\"crime_categories\":\"INTERNATIONAL_ORGANIZED_CRIME\"}";
    Files.writeString(file, caseLine + "\n" + record + "}\n");

    Officers.Cli without =
        Officers.cli(f.node("us.ioc2"), "import", file.toString(), "--no-progress");
    assertThat(without.exit()).isEqualTo(3);
    assertThat(without.out()).contains("line 2 rejected: ORIGINATOR_MISSING");

    Path again = f.workDir().resolve("trust-ioc2-with-originator.jsonl");
    Files.writeString(again, caseLine + "\n" + record + ",\"originator\":\"us.cbp\"}\n");
    Officers.Cli with =
        Officers.cli(f.node("us.ioc2"), "import", again.toString(), "--no-progress");
    assertThat(with.exit()).as(with.out() + with.err()).isZero();

    // ICE asks IOC2: the record is CBP's, IOC2 holds no consent from CBP, so it is withheld
    try (NodeClient ice = f.node("us.ice").client()) {
      PartnerAnswer ioc2 =
          Officers.from(
              ice.queryAll(
                  Officers.personQuery(
                      "Anton Hopper",
                      "1980-01-02",
                      "INTERNATIONAL_ORGANIZED_CRIME",
                      "ICE-TRUST-6",
                      "CASE_AGENT",
                      "us.ioc2")),
              "us.ioc2");
      QueryAnswer a = ioc2.getAnswer();
      assertThat(a.getDisclosuresList()).isEmpty();
      assertThat(a.getWithheldList())
          .singleElement()
          .satisfies(
              w -> {
                assertThat(w.getRecordId()).isEqualTo("ioc2-trust-cs");
                assertThat(w.getOriginatorAgency()).isEqualTo("us.cbp");
                assertThat(w.getReason()).isEqualTo(Reason.ORIGINATOR_CONSENT_REQUIRED);
              });
    }
    assertThat(log(f, "us.ioc2"))
        .anySatisfy(
            e -> {
              assertThat(e.getRequestingAgency()).isEqualTo("us.ice");
              assertThat(e.getDetail()).contains("withheld ioc2-trust-cs");
            });
  }

  // --- event conflicts reveal no geometry ---

  @Test
  void eventClaimsUsedToMeasureADistance_learnNoGeometry_andCountAgainstTheQuota(Federation f) {
    LocalDate tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1);
    OffsetDateTime six = tomorrow.atTime(6, 0).atOffset(ZoneOffset.ofHours(-5));
    plan(f, "us.cbp", "CBP-MIA-2026-0301", 25.7617, -80.1918, six);
    long before = Officers.quota(f, "us.cbp", "us.ice").getAnsweredToday();

    // ICE "walks" an operation towards CBP's, trying to read the distance off each answer
    List<EventCheckAnswer> answers = new ArrayList<>();
    for (double lat : new double[] {25.7635, 25.7644, 25.7653}) {
      answers.addAll(plan(f, "us.ice", "ICE-MIA-2026-0311", lat, -80.1918, six));
    }

    List<ConfirmedConflict> conflicts =
        answers.stream()
            .filter(a -> a.getPartnerAgency().equals("us.cbp"))
            .flatMap(a -> a.getConflictsList().stream())
            .toList();
    assertThat(conflicts).isNotEmpty();
    assertThat(conflicts)
        .allSatisfy(
            c -> {
              assertThat(c.getDistanceMetres()).isZero();
              assertThat(c.getCaseReference()).isEqualTo("CBP-MIA-2026-0301");
              assertThat(c.getPointOfContact().getName()).isNotBlank();
            });
    // every probe counted at CBP (that the claims count on top: PrivateMatchingTest)
    assertThat(Officers.quota(f, "us.cbp", "us.ice").getAnsweredToday()).isGreaterThan(before);
    // and CBP's officer learns no geometry either
    List<Alert> atCbp =
        await(
            () -> {
              List<Alert> l =
                  Alerts.pending(f, "us.cbp", "CBP-MIA-2026-0301").stream()
                      .filter(a -> a.getKind() == MatchKind.EVENT)
                      .toList();
              return l.isEmpty() ? null : l;
            });
    assertThat(atCbp)
        .allSatisfy(
            a -> {
              assertThat(a.getDistanceMetres()).isZero();
              assertThat(a.getMessage()).doesNotContain(" m ").doesNotContain("25.76");
            });
    // ICE's claims carried no place or time (decision 0019): nothing of ICE's walk reaches CBP's
    // log or audit
    String cbpLog = readLog(f.node("us.cbp").log());
    List<AuditEntry> cbpAudit = log(f, "us.cbp");
    for (String lat : List.of("25.7635", "25.7644", "25.7653")) {
      assertThat(cbpLog).doesNotContain(lat);
      assertThat(cbpAudit).noneMatch(e -> e.toString().contains(lat));
    }
  }

  private static String readLog(java.nio.file.Path log) {
    try {
      return java.nio.file.Files.readString(log);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  // --- one partner cannot starve the others ---

  @Test
  void onePartnerFlooding_isRefusedAtOnceWithPartnerBusy_whileAnothersQueriesStillAnswer(
      Federation f) throws Exception {
    AtomicBoolean flooding = new AtomicBoolean(true);
    AtomicInteger busy = new AtomicInteger();
    AtomicInteger answered = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<?>> floods = new ArrayList<>();
    try (PartnerNode cbp = new PartnerNode(f, "us.cbp")) {
      QueryRequest q =
          QueryRequest.newBuilder()
              .setIdentifier(
                  Identifier.newBuilder()
                      .setType(IdentifierType.PHONE)
                      .setValue("+13055550142")
                      .setCountry("US"))
              .setOfficerRole("CASE_AGENT")
              .build();
      for (int t = 0; t < 8; t++) {
        floods.add(
            pool.submit(
                () -> {
                  while (flooding.get()) {
                    try {
                      cbp.send(
                          "us.ice",
                          "cbp-ice-2005",
                          "DRUG_TRAFFICKING",
                          "CBP-FLOOD",
                          q,
                          QueryAnswer.getDefaultInstance());
                      answered.incrementAndGet();
                    } catch (StatusRuntimeException e) {
                      if (e.getStatus().getCode() == Status.Code.RESOURCE_EXHAUSTED
                          && Refusals.reasonOf(e).orElse(null) == Reason.PARTNER_BUSY) {
                        busy.incrementAndGet();
                      }
                    } catch (Exception e) {
                      // other failures do not count either way
                    }
                  }
                  return null;
                }));
      }
      // the flood under way: ICE has refused CBP as busy at least once
      await(() -> busy.get() > 0 ? busy : null);
      // meanwhile IOC2 asks ICE, with the node's default 3-second deadline, several times
      try (NodeClient ioc2 = f.node("us.ioc2").client()) {
        for (int i = 0; i < 3; i++) {
          var req =
              Officers.phoneQuery(
                      "+1 305 555 0142", "INTERNATIONAL_ORGANIZED_CRIME", "IOC2-TRUST-8", "us.ice")
                  .toBuilder()
                  .setDeadlineMs(3000)
                  .build();
          PartnerAnswer ice = Officers.from(ioc2.queryAll(req), "us.ice");
          assertThat(ice.getStatus())
              .as(ice.toString())
              .isIn(PartnerAnswer.Status.MATCH, PartnerAnswer.Status.NO_MATCH);
        }
      }
    } finally {
      flooding.set(false);
      pool.shutdown();
      assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(busy.get()).as("floods refused as PARTNER_BUSY").isPositive();
    assertThat(answered.get()).as("the flooding partner still gets its share").isPositive();
  }

  private static WorkflowStep step(String workflowId, String officer) {
    return WorkflowStep.newBuilder()
        .setWorkflowId(workflowId)
        .setMessageId(UUID.randomUUID().toString())
        .setAtEpochMs(System.currentTimeMillis())
        .setOfficer(officer)
        .build();
  }

  /** A three-hour surveillance within 50 m of a point, planned by {@code agency}'s officer. */
  private static List<EventCheckAnswer> plan(
      Federation f, String agency, String caseRef, double lat, double lon, OffsetDateTime from) {
    return Officers.planOperation(
        f, agency, caseRef, "SURVEILLANCE", lat, lon, 50, from, from.plusHours(3));
  }

  // --- smaller holes, on the running processes ---

  /**
   * A partner's unreadable identifier is refused by its type only: the partner's text reaches
   * neither the answer, nor the node's log, nor its audit. And the gateway's partner listener
   * describes nothing (no server reflection) to a partner's gateway that reached it.
   */
  @Test
  void partnersUnreadableIdentifier_isNotEchoed_andThePartnerListenerOffersNoReflection(
      Federation f) throws Exception {
    String probe = "LEAK-PROBE-7731x";
    try (PartnerNode cbp = new PartnerNode(f, "us.cbp")) {
      QueryAnswer a =
          cbp.send(
              "us.ice",
              "cbp-ice-2005",
              "DRUG_TRAFFICKING",
              "CBP-ECHO-1",
              QueryRequest.newBuilder()
                  .setIdentifier(
                      Identifier.newBuilder()
                          .setType(IdentifierType.PHONE)
                          .setValue(probe)
                          .setCountry("US"))
                  .setOfficerRole("CASE_AGENT")
                  .build(),
              QueryAnswer.getDefaultInstance());
      assertThat(a.getOutcome()).isEqualTo(QueryAnswer.Outcome.REFUSED);
      assertThat(a.getRefusal().getMessage()).contains("PHONE").doesNotContain(probe);
    }
    assertThat(readLog(f.node("us.ice").log())).doesNotContain(probe);
    assertThat(log(f, "us.ice")).noneMatch(e -> e.toString().contains(probe));

    org.liaison.pki.PkiLayout pki = new org.liaison.pki.PkiLayout(f.pkiDir());
    org.liaison.wire.pki.TrustDirectory directory =
        org.liaison.wire.pki.TrustDirectory.load(pki.directory());
    String iceCa = directory.caFingerprint("us.ice").orElseThrow();
    io.grpc.ManagedChannel ch =
        org.liaison.wire.transport.Channels.mutualTls(
            f.gateway("us.ice").partnerAddress(),
            org.liaison.wire.transport.MutualTls.client(
                org.liaison.wire.transport.TlsIdentity.fromFolder(pki.gatewayDir("us.cbp")),
                org.liaison.wire.pki.AgencyTrustManager.create(
                    directory,
                    () -> java.util.Map.of("us.ice", iceCa),
                    org.liaison.wire.pki.CertificateRole.GATEWAY_TLS,
                    java.time.Clock.systemUTC())),
            1 << 20);
    try {
      java.util.concurrent.CompletableFuture<Throwable> ended =
          new java.util.concurrent.CompletableFuture<>();
      io.grpc.stub.StreamObserver<io.grpc.reflection.v1.ServerReflectionRequest> ask =
          io.grpc.reflection.v1.ServerReflectionGrpc.newStub(ch)
              .serverReflectionInfo(
                  new io.grpc.stub.StreamObserver<>() {
                    @Override
                    public void onNext(io.grpc.reflection.v1.ServerReflectionResponse r) {
                      ended.complete(null);
                    }

                    @Override
                    public void onError(Throwable t) {
                      ended.complete(t);
                    }

                    @Override
                    public void onCompleted() {
                      ended.complete(null);
                    }
                  });
      ask.onNext(
          io.grpc.reflection.v1.ServerReflectionRequest.newBuilder().setListServices("").build());
      ask.onCompleted();
      Throwable t = ended.get(30, TimeUnit.SECONDS);
      assertThat(t)
          .as("the partner listener answers reflection with UNIMPLEMENTED")
          .isInstanceOfSatisfying(
              StatusRuntimeException.class,
              e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED));
    } finally {
      ch.shutdownNow();
    }
  }
}

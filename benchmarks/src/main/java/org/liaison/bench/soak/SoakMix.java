package org.liaison.bench.soak;

import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.liaison.cli.NodeClient;
import org.liaison.wire.v1.Identifier;
import org.liaison.wire.v1.IdentifierType;
import org.liaison.wire.v1.ImportBatch;
import org.liaison.wire.v1.ImportBatchAck;
import org.liaison.wire.v1.ImportItem;
import org.liaison.wire.v1.InfoRequestDraft;
import org.liaison.wire.v1.OfficerCheckRequest;
import org.liaison.wire.v1.OfficerGrpc;
import org.liaison.wire.v1.OfficerQueryRequest;
import org.liaison.wire.v1.PartnerAnswer;
import org.liaison.wire.v1.PartnerCheckAnswer;
import org.liaison.wire.v1.QueryRequest;
import org.liaison.wire.v1.WorkflowsGrpc;

/**
 * What the soak asks, as an officer of us.ice would: federated queries to us.dea (each MATCH is a
 * disclosure DEA must have on record), private target checks, requests for information (a workflow
 * step) and imports of new cases. Each call either succeeds with the answer the reference data
 * gives, or throws: a wrong answer counts as an error.
 */
final class SoakMix {
  enum Kind {
    QUERY(50),
    CHECK(20),
    WORKFLOW(10),
    IMPORT(20);

    final int weight;

    Kind(int weight) {
      this.weight = weight;
    }
  }

  static final String PURPOSE = "DRUG_TRAFFICKING";
  static final String CASE = "ICE-MIA-2026-0311";
  static final int DEADLINE_MS = 10_000;

  private final NodeClient ice;
  private final AtomicLong disclosures = new AtomicLong();
  private final AtomicLong imported = new AtomicLong();
  private final String runId = Long.toString(System.currentTimeMillis(), 36);

  SoakMix(NodeClient ice) {
    this.ice = ice;
  }

  /** Disclosures us.dea made to us.ice, as the officer received them. */
  long disclosuresReceived() {
    return disclosures.get();
  }

  static Kind pick() {
    int r = ThreadLocalRandom.current().nextInt(100);
    for (Kind k : Kind.values()) {
      if (r < k.weight) {
        return k;
      }
      r -= k.weight;
    }
    return Kind.QUERY;
  }

  void call(Kind kind) throws Exception {
    switch (kind) {
      case QUERY -> query();
      case CHECK -> check();
      case WORKFLOW -> requestInformation();
      case IMPORT -> importCase();
    }
  }

  private static Identifier phone() {
    return Identifier.newBuilder()
        .setType(IdentifierType.PHONE)
        .setValue("+1 305 555 0142")
        .setCountry("US")
        .build();
  }

  private void query() {
    List<PartnerAnswer> answers =
        ice.queryAll(
            OfficerQueryRequest.newBuilder()
                .setQuery(QueryRequest.newBuilder().setIdentifier(phone()))
                .setPurpose(PURPOSE)
                .setCaseReference(CASE)
                .addPartners("us.dea")
                .setDeadlineMs(DEADLINE_MS)
                .build());
    if (answers.size() != 1 || answers.get(0).getStatus() != PartnerAnswer.Status.MATCH) {
      throw new IllegalStateException("query: " + answers);
    }
    disclosures.incrementAndGet();
  }

  private void check() {
    List<PartnerCheckAnswer> answers =
        ice.checkAll(
            OfficerCheckRequest.newBuilder()
                .setIdentifier(phone())
                .setCaseReference(CASE)
                .addPartners("us.dea")
                .setDeadlineMs(DEADLINE_MS)
                .build());
    if (answers.size() != 1 || answers.get(0).getStatus() != PartnerAnswer.Status.MATCH) {
      throw new IllegalStateException("check: " + answers);
    }
  }

  private void requestInformation() {
    var item =
        WorkflowsGrpc.newBlockingStub(ice.channel())
            .withDeadlineAfter(DEADLINE_MS, TimeUnit.MILLISECONDS)
            .requestInformation(
                InfoRequestDraft.newBuilder()
                    .setPartner("us.dea")
                    .setRecordId("dea-r-0142-roi-1")
                    .setPurpose(PURPOSE)
                    .setCaseReference(CASE)
                    .setJustification("soak: follow-up on the Miami distribution cell")
                    .setOfficerRole("CASE_AGENT")
                    .build());
    if (item.getWorkflowId().isEmpty()) {
      throw new IllegalStateException("request for information: " + item);
    }
  }

  /** A new case with one subject, in one batch; both lines must be accepted. */
  private void importCase() throws Exception {
    long n = imported.incrementAndGet();
    String caseNumber = "ICE-SOAK-" + runId + "-" + n;
    String caseLine =
        "{\"kind\":\"case\",\"caseNumber\":\""
            + caseNumber
            + "\",\"agency\":\"us.ice\",\"agent\":{\"name\":\"Agent Soak\",\"phone\":\"+1 305 555"
            + " 0100\",\"email\":\"soak@ice.example\"},\"crimeCategories\":[\"DRUG_TRAFFICKING\"],"
            + "\"status\":\"ACTIVE\","
            + "\"opened\":\"2026-01-01\"}";
    String subjectLine =
        "{\"kind\":\"subject\",\"id\":\"ice-soak-"
            + runId
            + "-"
            + n
            + "\",\"case\":\""
            + caseNumber
            + "\",\"type\":\"PERSON\",\"name\":\"Soak Person "
            + n
            + "\",\"dateOfBirth\":\"1980-01-01\"}";
    ImportBatch batch =
        ImportBatch.newBuilder()
            .addItems(ImportItem.newBuilder().setLine(1).setJson(caseLine))
            .addItems(ImportItem.newBuilder().setLine(2).setJson(subjectLine))
            .build();
    CountDownLatch done = new CountDownLatch(1);
    AtomicReference<ImportBatchAck> ack = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    StreamObserver<ImportBatch> up =
        OfficerGrpc.newStub(ice.channel())
            .withDeadlineAfter(DEADLINE_MS, TimeUnit.MILLISECONDS)
            .importBatches(
                new StreamObserver<>() {
                  @Override
                  public void onNext(ImportBatchAck value) {
                    ack.set(value);
                  }

                  @Override
                  public void onError(Throwable t) {
                    failure.set(t);
                    done.countDown();
                  }

                  @Override
                  public void onCompleted() {
                    done.countDown();
                  }
                });
    up.onNext(batch);
    up.onCompleted();
    if (!done.await(DEADLINE_MS + 5_000L, TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("import: no acknowledgement");
    }
    if (failure.get() != null) {
      throw new IllegalStateException("import: " + failure.get(), failure.get());
    }
    if (ack.get() == null || ack.get().getAccepted() != 2) {
      throw new IllegalStateException("import: " + ack.get());
    }
  }
}

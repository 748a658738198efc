package org.liaison.node.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liaison.node.deconfliction.DeconflictionJournal;
import org.liaison.node.deconfliction.DeconflictionJournal.Event;
import org.liaison.node.deconfliction.DeconflictionJournal.Line;
import org.liaison.node.federation.ExchangeFailure;
import org.liaison.node.federation.ExchangeScope;
import org.liaison.node.federation.FederationService;
import org.liaison.node.federation.OutboundRequest;
import org.liaison.node.federation.PartnerCall;
import org.liaison.node.records.ImportService;
import org.liaison.node.runtime.RecordedCall;
import org.liaison.wire.audit.AuditCheckpoints;
import org.liaison.wire.envelope.EnvelopeOpener;
import org.liaison.wire.envelope.EnvelopeSealer;
import org.liaison.wire.envelope.Envelopes;
import org.liaison.wire.envelope.OpenedEnvelope;
import org.liaison.wire.merkle.MerkleTree;
import org.liaison.wire.pki.NodeCredentials;
import org.liaison.wire.transport.Refusals;
import org.liaison.wire.v1.AuditCheckpoint;
import org.liaison.wire.v1.AuditEntry;
import org.liaison.wire.v1.AuditKind;
import org.liaison.wire.v1.Envelope;
import org.liaison.wire.v1.Identifier;
import org.liaison.wire.v1.IdentifierType;
import org.liaison.wire.v1.MatchKind;
import org.liaison.wire.v1.PartnerAnswer;
import org.liaison.wire.v1.QueryRequest;
import org.liaison.wire.v1.Reason;
import org.liaison.wire.v1.SignedAuditCheckpoint;

/** FederationService and the outbound call with the audit log in the path: fail closed. */
@QuarkusTest
@TestProfile(AuditFederation.class)
class AuditedFederationTest {
  static final String QUERY = QueryRequest.getDescriptor().getFullName();

  @Inject FederationService federation;
  @Inject PartnerCall calls;
  @Inject AuditReader reader;
  @Inject AuditTables tables;
  @Inject AuditSigning signing;
  @Inject PartnerHistory history;
  @Inject ImportService imports;
  @Inject DeconflictionJournal journal;

  @BeforeEach
  void empty() {
    tables.clear();
  }

  static QueryRequest phoneQuery() {
    return QueryRequest.newBuilder()
        .setIdentifier(
            Identifier.newBuilder().setType(IdentifierType.PHONE).setValue("+13055550199"))
        .setOfficerRole("investigator")
        .build();
  }

  private RecordedCall<Envelope> deliver(Envelope e) {
    RecordedCall<Envelope> d = new RecordedCall<>();
    federation.deliver(e, d);
    return d;
  }

  @Test
  void answer_leavesAfterItsEntryIsCommitted_andCarriesTheCheckpointCoveringIt() throws Exception {
    NodeCredentials cbp = AuditFederation.partner("us.cbp");
    EnvelopeSealer sealer = AuditFederation.sealer("us.cbp");
    SignedAuditCheckpoint cbpCheckpoint =
        AuditCheckpoints.sign(
            cbp.signingKey(),
            cbp.signingCertificate(),
            "us.cbp",
            "node-1",
            3,
            MerkleTree.leafHash(new byte[] {1}),
            System.currentTimeMillis());
    sealer.auditCheckpoints(cbpCheckpoint::toByteArray);
    Envelope request =
        sealer.seal(
            AuditFederation.requestTo("us.cbp", QUERY, "HUMAN_TRAFFICKING"),
            phoneQuery().toByteArray());

    RecordedCall<Envelope> d = deliver(request);

    assertThat(d.error()).isNull();
    assertThat(d.answers).hasSize(1);
    OpenedEnvelope answer =
        EnvelopeOpener.builder(cbp, AuditFederation.directory())
            .build()
            .openAnswer(d.answers.get(0), Envelopes.signedContentHash(request));
    AuditCheckpoint carried =
        AuditCheckpoints.verify(
                SignedAuditCheckpoint.parseFrom(answer.header().getAuditCheckpoint()),
                signing.certificate())
            .orElseThrow();
    assertThat(carried.getTreeSize()).isEqualTo(reader.size()).isEqualTo(1);
    AuditEntry entry = reader.record(0).getDecoded();
    assertThat(entry.getDirection()).isEqualTo("IN");
    assertThat(entry.getRequestingAgency()).isEqualTo("us.cbp");
    assertThat(entry.getAgreementId()).isEqualTo("cbp-ice-2005");
    assertThat(entry.getPurpose()).isEqualTo("HUMAN_TRAFFICKING");
    assertThat(entry.getRequestHash().toByteArray())
        .isEqualTo(Envelopes.signedContentHash(request));
    assertThat(entry.getOutcome()).isIn("NO_MATCH", "REFUSED");
    // a probe that matched nothing is kept by type only
    assertThat(entry.getData(0).getSaltedHash().isEmpty()).isTrue();
    // and the partner's own checkpoint, from the request header, is now held
    assertThat(history.held("us.cbp")).extracting(p -> p.treeSize).containsExactly(3L);
  }

  @Test
  void auditWriteFails_nothingIsDisclosed_andThePartnerIsToldAuditUnavailable() throws Exception {
    Envelope request =
        AuditFederation.sealer("us.cbp")
            .seal(
                AuditFederation.requestTo("us.cbp", QUERY, "HUMAN_TRAFFICKING"),
                phoneQuery().toByteArray());
    tables.sql("alter table audit_log rename to audit_log_offline");
    RecordedCall<Envelope> d;
    try {
      d = deliver(request);
    } finally {
      tables.sql("alter table audit_log_offline rename to audit_log");
    }
    assertThat(d.answers).isEmpty();
    assertThat(d.completed).isZero();
    assertThat(d.error()).isInstanceOf(StatusRuntimeException.class);
    assertThat(((StatusRuntimeException) d.error()).getStatus().getCode())
        .isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(Refusals.reasonOf(d.error())).contains(Reason.AUDIT_UNAVAILABLE);
    assertThat(reader.size()).isZero();
  }

  @Test
  void decisionCannotBeAudited_nothingIsDisclosed_andThePartnerIsToldAuditUnavailable()
      throws Exception {
    imports.importLine(
        1,
        "{\"kind\":\"case\",\"caseNumber\":\"ICE-AUDIT-1\",\"agency\":\"us.ice\","
            + "\"agent\":{\"name\":\"SA Test\"},\"crimeCategories\":[\"HUMAN_TRAFFICKING\"]}");
    imports.importLine(
        2,
        "{\"kind\":\"record\",\"id\":\"ice-audit-r1\",\"case\":\"ICE-AUDIT-1\",\"category\":\"ROI\","
            + "\"subjects\":[{\"id\":\"ice-audit-s1\",\"type\":\"PHONE\","
            + "\"identifiers\":[{\"type\":\"PHONE\",\"value\":\"+13055550177\"}]}]}");
    Envelope request =
        AuditFederation.sealer("us.cbp")
            .seal(
                AuditFederation.requestTo("us.cbp", QUERY, "HUMAN_TRAFFICKING"),
                phoneQuery().toBuilder()
                    .setIdentifier(
                        Identifier.newBuilder()
                            .setType(IdentifierType.PHONE)
                            .setValue("+13055550177"))
                    .build()
                    .toByteArray());
    tables.sql("alter table audit_log rename to audit_log_offline");
    RecordedCall<Envelope> d;
    try {
      // the record matches, so the first write is the DECISION entry inside the responder
      d = deliver(request);
    } finally {
      tables.sql("alter table audit_log_offline rename to audit_log");
    }
    assertThat(d.answers).isEmpty();
    assertThat(Refusals.reasonOf(d.error())).contains(Reason.AUDIT_UNAVAILABLE);
    assertThat(reader.size()).isZero();
  }

  @Test
  void tamperedEnvelope_isRejectedAndAuditedAsRejected() throws Exception {
    Envelope request =
        AuditFederation.sealer("us.dea")
            .seal(
                AuditFederation.requestTo("us.dea", QUERY, "DRUG_TRAFFICKING"),
                phoneQuery().toByteArray());
    byte[] ct = request.getCiphertext().toByteArray();
    ct[ct.length / 2] ^= 1;
    RecordedCall<Envelope> d =
        deliver(request.toBuilder().setCiphertext(ByteString.copyFrom(ct)).build());

    assertThat(d.answers).isEmpty();
    assertThat(d.error()).isNotNull();
    AuditEntry entry = reader.record(reader.size() - 1).getDecoded();
    assertThat(entry.getKind()).isEqualTo(AuditKind.REJECTED);
    assertThat(entry.getRequestingAgency()).isEqualTo("us.dea (unverified)");
    assertThat(entry.getReason()).isEqualTo(Refusals.reasonOf(d.error()).orElseThrow().name());
    assertThat(entry.getDetail()).contains("envelope hash");
  }

  @Test
  void contentTypeWithoutHandler_isRefusedUnimplemented_andAuditedAsRefusal() throws Exception {
    Envelope request =
        AuditFederation.sealer("us.dea")
            .seal(
                AuditFederation.requestTo("us.dea", "liaison.v1.NoSuchRequest", "DRUG_TRAFFICKING"),
                phoneQuery().toByteArray());

    RecordedCall<Envelope> d = deliver(request);

    assertThat(d.answers).isEmpty();
    assertThat(((StatusRuntimeException) d.error()).getStatus().getCode())
        .isEqualTo(Status.Code.UNIMPLEMENTED);
    assertThat(Refusals.reasonOf(d.error())).contains(Reason.INVALID_ARGUMENT);
    assertThat(d.error().getMessage())
        .contains("this node does not answer liaison.v1.NoSuchRequest");
    AuditEntry entry = reader.record(reader.size() - 1).getDecoded();
    assertThat(entry.getKind()).isEqualTo(AuditKind.REFUSAL);
    assertThat(entry.getRequestingAgency()).isEqualTo("us.dea");
    assertThat(entry.getReason()).isEqualTo(Reason.INVALID_ARGUMENT.name());
    assertThat(entry.getDetail()).isEqualTo("no handler for liaison.v1.NoSuchRequest");
  }

  @Test
  void payloadThatDoesNotParse_isRefusedAsMalformed_andAuditedAsRejected() throws Exception {
    // field 1, length-delimited, says 127 bytes follow; none do
    byte[] truncated = {0x0a, 0x7f};
    Envelope request =
        AuditFederation.sealer("us.dea")
            .seal(AuditFederation.requestTo("us.dea", QUERY, "DRUG_TRAFFICKING"), truncated);

    RecordedCall<Envelope> d = deliver(request);

    assertThat(d.answers).isEmpty();
    assertThat(((StatusRuntimeException) d.error()).getStatus().getCode())
        .isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(Refusals.reasonOf(d.error())).contains(Reason.MALFORMED_ENVELOPE);
    assertThat(d.error().getMessage()).contains("the payload is not a valid " + QUERY);
    AuditEntry entry = reader.record(reader.size() - 1).getDecoded();
    assertThat(entry.getKind()).isEqualTo(AuditKind.REJECTED);
    assertThat(entry.getReason()).isEqualTo(Reason.MALFORMED_ENVELOPE.name());
    assertThat(entry.getDetail()).isEqualTo("the payload does not parse");
  }

  @Test
  void outboundRequest_isNotSentWhenItCannotBeAudited() throws Exception {
    tables.sql("alter table audit_log rename to audit_log_offline");
    Throwable failure;
    try {
      failure =
          catchCause(
              () ->
                  calls
                      .send(
                          new OutboundRequest(
                              new ExchangeScope(
                                  "us.cbp", "cbp-ice-2005", "HUMAN_TRAFFICKING", "ICE-1"),
                              "officer-1",
                              QUERY),
                          phoneQuery(),
                          2_000)
                      .get(10, TimeUnit.SECONDS));
    } finally {
      tables.sql("alter table audit_log_offline rename to audit_log");
    }
    // AUDIT_UNAVAILABLE, not PARTNER_UNAVAILABLE: it never reached the (absent) gateway
    assertThat(failure).isInstanceOf(ExchangeFailure.class);
    assertThat(((ExchangeFailure) failure).reason()).isEqualTo(Reason.AUDIT_UNAVAILABLE);
  }

  @Test
  void outboundRequest_isAuditedBeforeItLeaves() throws Exception {
    Throwable failure =
        catchCause(
            () ->
                calls
                    .send(
                        new OutboundRequest(
                            new ExchangeScope(
                                "us.cbp", "cbp-ice-2005", "HUMAN_TRAFFICKING", "ICE-2"),
                            "officer-2",
                            QUERY),
                        phoneQuery(),
                        10_000)
                    .get(20, TimeUnit.SECONDS));
    // no gateway runs in this test: the request was on record before the transport refused it (a
    // refused connection fails at once; the long deadline only keeps a loaded machine from turning
    // it into DEADLINE_EXCEEDED)
    assertThat(failure).isInstanceOf(ExchangeFailure.class);
    assertThat(((ExchangeFailure) failure).status()).isEqualTo(PartnerAnswer.Status.UNAVAILABLE);
    assertThat(((ExchangeFailure) failure).reason()).isEqualTo(Reason.OWN_GATEWAY_UNAVAILABLE);
    assertThat(failure)
        .hasMessageStartingWith(
            "this agency's gateway is unreachable, so nothing was sent to us.cbp");
    AuditEntry sent = reader.record(0).getDecoded();
    assertThat(sent.getKind()).isEqualTo(AuditKind.QUERY);
    assertThat(sent.getDirection()).isEqualTo("OUT");
    assertThat(sent.getOutcome()).isEqualTo("SENT");
    assertThat(sent.getAnsweringAgency()).isEqualTo("us.cbp");
    assertThat(sent.getCaseReference()).isEqualTo("ICE-2");
    assertThat(sent.getMessageId()).hasSize(32);
  }

  @Test
  void linesRecordedWithARequest_commitInItsOwnBatchBeforeIt_orNotAtAll() throws Exception {
    long journalBefore = tables.count("select count(*) from dc_journal");
    List<Line> round =
        List.of(
            new Line(Event.PROBES_SENT, MatchKind.TARGET, "us.cbp", "ICE-3", 2, "partner quota"),
            new Line(Event.FILTER_HITS, MatchKind.TARGET, "us.cbp", "ICE-3", 1, null),
            new Line(Event.CLAIM_SENT, MatchKind.TARGET, "us.cbp", "ICE-3", 1, null));
    OutboundRequest claim =
        new OutboundRequest(
            new ExchangeScope("us.cbp", "cbp-ice-2005", "TARGET_DECONFLICTION", "ICE-3"),
            "officer-3",
            QUERY);

    // the audit cannot be written: neither the lines nor the request's entry, and it never left
    tables.sql("alter table audit_log rename to audit_log_offline");
    Throwable refused;
    try {
      refused =
          catchCause(
              () ->
                  calls
                      .send(claim.with(journal.withRequest(round, List.of())), phoneQuery(), 10_000)
                      .get(20, TimeUnit.SECONDS));
    } finally {
      tables.sql("alter table audit_log_offline rename to audit_log");
    }
    assertThat(((ExchangeFailure) refused).reason()).isEqualTo(Reason.AUDIT_UNAVAILABLE);
    assertThat(tables.count("select count(*) from dc_journal")).isEqualTo(journalBefore);
    assertThat(reader.size()).isZero();

    // a write of the round that fails fails the batch: nothing of it is written, nothing leaves
    AuditedWrite failing =
        c -> {
          try (var insert = c.prepareStatement("insert into no_such_table values (1)")) {
            insert.executeUpdate();
          }
        };
    Throwable failed =
        catchCause(
            () ->
                calls
                    .send(
                        claim.with(journal.withRequest(round, List.of(failing))),
                        phoneQuery(),
                        10_000)
                    .get(20, TimeUnit.SECONDS));
    assertThat(((ExchangeFailure) failed).reason()).isEqualTo(Reason.AUDIT_UNAVAILABLE);
    assertThat(tables.count("select count(*) from dc_journal")).isEqualTo(journalBefore);
    assertThat(reader.size()).isZero();

    // written: the round's entries, then the request's, in one batch under one checkpoint, and
    // the round's rows with them; only then does the request go to the (absent) gateway
    Throwable sent =
        catchCause(
            () ->
                calls
                    .send(claim.with(journal.withRequest(round, List.of())), phoneQuery(), 10_000)
                    .get(20, TimeUnit.SECONDS));
    assertThat(((ExchangeFailure) sent).reason()).isEqualTo(Reason.OWN_GATEWAY_UNAVAILABLE);
    assertThat(tables.count("select count(*) from dc_journal")).isEqualTo(journalBefore + 3);
    assertThat(reader.size()).isEqualTo(3);
    assertThat(
            List.of(
                reader.record(0).getDecoded().getOutcome(),
                reader.record(1).getDecoded().getOutcome(),
                reader.record(2).getDecoded().getOutcome()))
        .containsExactly("PROBES_SENT", "CLAIM_SENT", "SENT");
    assertThat(reader.record(2).getDecoded().getCaseReference()).isEqualTo("ICE-3");
    SignedAuditCheckpoint batch = reader.record(2).getCheckpoint();
    assertThat(AuditCheckpoint.parseFrom(batch.getCheckpoint()).getTreeSize()).isEqualTo(3);
    assertThat(reader.record(0).getCheckpoint()).isEqualTo(batch);
    assertThat(reader.record(1).getCheckpoint()).isEqualTo(batch);
  }

  interface Call {
    void run() throws Exception;
  }

  private static Throwable catchCause(Call c) {
    try {
      c.run();
      return null;
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      return e;
    }
  }
}

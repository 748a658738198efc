package org.liaison.node.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liaison.node.config.NodeConfig;
import org.liaison.node.federation.ExchangeFailure;
import org.liaison.node.federation.ExchangeScope;
import org.liaison.node.federation.OutboundRequest;
import org.liaison.node.federation.PartnerCall;
import org.liaison.node.federation.SentWithAnswer;
import org.liaison.wire.journal.IntentFile;
import org.liaison.wire.v1.AuditCheckpoint;
import org.liaison.wire.v1.AuditEntry;
import org.liaison.wire.v1.AuditKind;
import org.liaison.wire.v1.QueryRequest;
import org.liaison.wire.v1.Reason;

/**
 * A request whose SENT entry waits for its answer's (decision 0055): it leaves on a durable intent,
 * both entries commit in one batch, an intent the node never settled enters the log at the next
 * start (once), and neither an unwritable journal nor a failing log lets a request leave.
 */
@QuarkusTest
@TestProfile(AuditFederation.class)
class IntentJournalTest {
  static final String QUERY = QueryRequest.getDescriptor().getFullName();

  @Inject PartnerCall calls;
  @Inject AuditReader reader;
  @Inject AuditTables tables;
  @Inject AuditLog audit;
  @Inject IntentJournal intents;
  @Inject NodeConfig config;

  @BeforeEach
  void empty() {
    tables.clear();
    intents.reopen();
    intents.recoverLeftOver();
    tables.clear();
    // the log has committed a batch since (re)load: requests may leave on an intent
    audit.append(AuditEvent.builder(AuditKind.WORKFLOW).outcome("READY").build());
  }

  private Throwable send(OutboundRequest r) {
    try {
      calls.send(r, AuditedFederationTest.phoneQuery(), 10_000).get(20, TimeUnit.SECONDS);
      return null;
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      return e;
    }
  }

  private static OutboundRequest request(String caseReference) {
    return new OutboundRequest(
        new ExchangeScope("us.cbp", "cbp-ice-2005", "HUMAN_TRAFFICKING", caseReference),
        "officer-1",
        QUERY);
  }

  private static AuditEvent answer(String outcome) {
    return AuditEvent.builder(AuditKind.QUERY)
        .direction(AuditEvent.Direction.OUT)
        .answeringAgency("us.cbp")
        .outcome(outcome)
        .build();
  }

  private String journal() throws Exception {
    return Files.readString(config.dataDir().resolve(IntentFile.NAME), StandardCharsets.US_ASCII);
  }

  private List<AuditEntry> withMessageId(String messageId) {
    return java.util.stream.LongStream.range(0, reader.size())
        .mapToObj(i -> reader.record(i).getDecoded())
        .filter(e -> e.getMessageId().equals(messageId))
        .toList();
  }

  @Test
  void aRequestLeavesOnADurableIntent_andItsSentEntryCommitsWithTheAnswersInOneBatch()
      throws Exception {
    SentWithAnswer held = new SentWithAnswer(intents, audit);
    Throwable failure = send(request("ICE-10").sentWithAnswer(held));

    // it left (the absent gateway refused it) on its intent alone: on the disk, not in the log
    assertThat(((ExchangeFailure) failure).reason()).isEqualTo(Reason.OWN_GATEWAY_UNAVAILABLE);
    assertThat(held.holdsSent()).isTrue();
    assertThat(reader.size()).isEqualTo(1);
    assertThat(intents.unsettled()).isEqualTo(1);
    String line = journal().lines().filter(l -> l.startsWith("I ")).findFirst().orElseThrow();
    String messageId = line.split(" ")[1];
    assertThat(messageId).hasSize(32);

    List<AuditReceipt> receipts = held.commit(answer("UNAVAILABLE"));
    assertThat(receipts).hasSize(2);
    assertThat(reader.size()).isEqualTo(3);
    AuditEntry sent = reader.record(1).getDecoded();
    assertThat(sent.getOutcome()).isEqualTo("SENT");
    assertThat(sent.getMessageId()).isEqualTo(messageId);
    assertThat(sent.getCaseReference()).isEqualTo("ICE-10");
    assertThat(sent.getOfficerId()).isEqualTo("officer-1");
    assertThat(sent.getRequestHash().size()).isEqualTo(32);
    assertThat(reader.record(2).getDecoded().getOutcome()).isEqualTo("UNAVAILABLE");
    // one batch: both under the checkpoint of tree size 3
    assertThat(reader.record(1).getCheckpoint()).isEqualTo(reader.record(2).getCheckpoint());
    assertThat(AuditCheckpoint.parseFrom(reader.record(2).getCheckpoint().getCheckpoint()))
        .extracting(AuditCheckpoint::getTreeSize)
        .isEqualTo(3L);
    assertThat(intents.unsettled()).isZero();
    assertThat(journal()).contains("S " + messageId + "\n");
  }

  @Test
  void intentsLeftUnsettled_enterTheLogAtTheNextStart_asSentWithNoAnswer_once() throws Exception {
    SentWithAnswer inFlight = new SentWithAnswer(intents, audit);
    send(request("ICE-11").sentWithAnswer(inFlight));
    SentWithAnswer answered = new SentWithAnswer(intents, audit);
    send(request("ICE-12").sentWithAnswer(answered));
    answered.commit(answer("NO_MATCH"));
    assertThat(intents.unsettled()).isEqualTo(1);
    String inFlightId = idOf("ICE-11");
    String answeredId = idOf("ICE-12");

    // the node stops with ICE-11 in flight; the next start finds its intent and logs it
    intents.reopen();
    assertThat(intents.recoverLeftOver()).isEqualTo(1);
    List<AuditEntry> stopped = withMessageId(inFlightId);
    assertThat(stopped).hasSize(1);
    assertThat(stopped.get(0).getKind()).isEqualTo(AuditKind.QUERY);
    assertThat(stopped.get(0).getDirection()).isEqualTo("OUT");
    assertThat(stopped.get(0).getOutcome()).isEqualTo("SENT");
    assertThat(stopped.get(0).getReason()).isEqualTo(Reason.NO_ANSWER_RECORDED.name());
    assertThat(stopped.get(0).getCaseReference()).isEqualTo("ICE-11");
    assertThat(stopped.get(0).getAnsweringAgency()).isEqualTo("us.cbp");
    assertThat(withMessageId(answeredId)).hasSize(1);
    assertThat(intents.unsettled()).isZero();

    // settled: another start recovers nothing again
    long size = reader.size();
    intents.reopen();
    assertThat(intents.recoverLeftOver()).isZero();
    assertThat(reader.size()).isEqualTo(size);
    assertThat(withMessageId(inFlightId)).hasSize(1);
  }

  @Test
  void anIntentWhoseEntryIsInTheLogButNotMarkedSettled_isNotLoggedTwice() throws Exception {
    SentWithAnswer held = new SentWithAnswer(intents, audit);
    send(request("ICE-13").sentWithAnswer(held));
    String messageId = idOf("ICE-13");
    // a crash after the batch committed, before the settled line was written: the log has the
    // SENT entry, the journal still the intent
    audit.appendAll(
        List.of(
            AuditEvent.builder(AuditKind.QUERY)
                .direction(AuditEvent.Direction.OUT)
                .answeringAgency("us.cbp")
                .messageId(messageId)
                .outcome("SENT")
                .build(),
            answer("NO_MATCH")));
    long size = reader.size();
    // the intent holds the log's size when it was recorded: the start reads the log from there
    assertThat(IntentFile.unsettled(config.dataDir().resolve(IntentFile.NAME)))
        .singleElement()
        .extracting(line -> line.entry().getIndex())
        .isEqualTo(1L);

    intents.reopen();
    assertThat(intents.recoverLeftOver()).isZero();
    assertThat(reader.size()).isEqualTo(size);
    assertThat(withMessageId(messageId)).hasSize(1);
    assertThat(intents.unsettled()).isZero();
  }

  @Test
  void anIntentJournalThatCannotBeWritten_refusesTheRequest_andWorksAgainOnceItCan()
      throws Exception {
    intents.close(); // its file can no longer be written
    Throwable refused = send(request("ICE-14").sentWithAnswer(new SentWithAnswer(intents, audit)));
    assertThat(refused).isInstanceOf(ExchangeFailure.class);
    assertThat(((ExchangeFailure) refused).reason()).isEqualTo(Reason.AUDIT_UNAVAILABLE);
    assertThat(refused)
        .hasMessage(
            "this node cannot write its audit record, so nothing was sent to us.cbp;"
                + " retry later");
    assertThat(intents.unsettled()).isZero();
    assertThat(reader.size()).isEqualTo(1);

    // the next request writes the file anew and leaves
    SentWithAnswer held = new SentWithAnswer(intents, audit);
    Throwable left = send(request("ICE-15").sentWithAnswer(held));
    assertThat(((ExchangeFailure) left).reason()).isEqualTo(Reason.OWN_GATEWAY_UNAVAILABLE);
    assertThat(held.holdsSent()).isTrue();
    held.commit(answer("UNAVAILABLE"));
    assertThat(idOf("ICE-15")).isNotNull();
  }

  @Test
  void aLogWhoseBatchFailed_stopsRequests_andTheIntentOfTheWithheldAnswerEntersItLater()
      throws Exception {
    SentWithAnswer held = new SentWithAnswer(intents, audit);
    long size = reader.size();
    tables.sqlBehindTheLog("alter table audit_log rename to audit_log_offline");
    Throwable refused;
    try {
      // the log's failure is not known yet: this request leaves on its intent ...
      send(request("ICE-16").sentWithAnswer(held));
      assertThat(held.holdsSent()).isTrue();
      // ... and its answer cannot be recorded (the officer is not shown it) ...
      assertThatThrownBy(() -> held.commit(answer("NO_MATCH")))
          .isInstanceOf(RuntimeException.class);
      assertThat(audit.lastBatchCommitted()).isFalse();
      // ... and from then on nothing leaves: the request's own batch is tried, and fails
      SentWithAnswer next = new SentWithAnswer(intents, audit);
      refused = send(request("ICE-17").sentWithAnswer(next));
      assertThat(next.holdsSent()).isFalse();
    } finally {
      tables.sql("alter table audit_log_offline rename to audit_log");
    }
    assertThat(((ExchangeFailure) refused).reason()).isEqualTo(Reason.AUDIT_UNAVAILABLE);
    assertThat(reader.size()).isEqualTo(size);

    // the left request is on the disk, and enters the log at the next start
    String messageId = idOf("ICE-16");
    intents.reopen();
    assertThat(intents.recoverLeftOver()).isEqualTo(1);
    assertThat(withMessageId(messageId))
        .singleElement()
        .extracting(AuditEntry::getReason)
        .isEqualTo(Reason.NO_ANSWER_RECORDED.name());
  }

  /** The message id of the intent recorded for {@code caseReference}, from the journal file. */
  private String idOf(String caseReference) throws Exception {
    for (String line : journal().lines().toList()) {
      String[] parts = line.split(" ");
      if (parts.length == 3
          && AuditEntry.parseFrom(java.util.Base64.getDecoder().decode(parts[2]))
              .getCaseReference()
              .equals(caseReference)) {
        return parts[1];
      }
    }
    return null;
  }
}
